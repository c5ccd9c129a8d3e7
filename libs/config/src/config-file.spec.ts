import { TaskledgerError } from '@taskledger/errors';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config';

describe('reading taskledger.config.json', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'taskledger-config-file-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  const refusal = (name: string, text: string): TaskledgerError => {
    writeFileSync(join(cwd, name), text);
    try {
      loadConfig({ env: {}, cwd, configPath: name });
    } catch (error) {
      return error as TaskledgerError;
    }
    throw new Error(`expected ${name} to be refused`);
  };

  describe('when it is not valid JSON, names the file, the line and the column', () => {
    it.each([
      ['a trailing comma in an object', '{\n  "run": {\n    "leaseMs": 100,\n  }\n}\n', 4, 3],
      ['a trailing comma in an array', '{\n  "executors": { "default": { "command": ["make",] } }\n}\n', 2, 50],
      ['a value without quotes', '{\n  "backlog": plans.md\n}\n', 2, 14],
      ['a comment', '{\n  // the ledger\n  "eventStore": "memory:"\n}\n', 2, 3],
      ['a missing comma', '{\n  "eventStore": "memory:"\n  "backlog": "b.md"\n}\n', 3, 3],
      ['a file cut short', '{\n  "run": {\n    "leaseMs": 100\n', 4, 1],
    ])('%s', (_, text, line, column) => {
      const error = refusal('broken.json', text);
      expect(error.code).toBe('InvalidConfig');
      expect(error.message).toMatch(
        new RegExp(`^config file ${join(cwd, 'broken.json')} is not valid JSON at line ${line}, column ${column}: \\S`),
      );
      expect(error.message).not.toContain('position');
    });

    it('says what was expected there', () => {
      expect(refusal('comma.json', '{ "a": [1,] }').message).toMatch(
        /line 1, column 11: unexpected "]"; expected a value$/,
      );
      expect(refusal('key.json', '{ "a": 1, }').message).toMatch(
        /line 1, column 11: unexpected "}"; expected a property name in double quotes$/,
      );
      expect(refusal('end.json', '{ "a": 1').message).toMatch(/line 1, column 9: unexpected end of file/);
    });
  });

  it('refuses a file nested absurdly deep with a message naming the file, not a stack overflow', () => {
    const depth = 200_000;
    const error = refusal('deep.json', `{"run":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(error).toBeInstanceOf(TaskledgerError);
    expect(error.message).toBe(
      `config file ${join(cwd, 'deep.json')}: run: nested more than 32 levels deep; no setting needs more than a few`,
    );
  });

  it('says a config path it cannot read cannot be read', () => {
    expect(() => loadConfig({ env: {}, cwd, configPath: '.' })).toThrow(
      new TaskledgerError(
        'InvalidConfig',
        `config file ${cwd} cannot be read: EISDIR: illegal operation on a directory, read`,
      ),
    );
  });

  it('accepts the deepest nesting a real configuration uses', () => {
    writeFileSync(
      join(cwd, 'real.json'),
      JSON.stringify({ executors: { byTask: { 'B-1': { command: ['make'], env: { CI: '1' } } } } }),
    );
    expect(loadConfig({ env: {}, cwd, configPath: 'real.json' }).file.executors).toEqual({
      byTask: { 'B-1': { command: ['make'], env: { CI: '1' } } },
    });
  });
});
