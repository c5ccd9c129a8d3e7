import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { executionWorkspace } from '../test/execution-fixture';

jest.setTimeout(60_000);

describe('config files that cannot work, end to end', () => {
  const ws = executionWorkspace('config-errors');
  afterAll(() => ws.remove());
  const configText = (text: string) => writeFileSync(join(ws.path, 'taskledger.config.json'), text);
  const configPath = () => join(ws.path, 'taskledger.config.json');

  it.each([
    [{ run: { timeoutMs: 2 ** 31 } }, 'run.timeoutMs: must be more than 0 and at most 2147483647 ms (about 24.8 days)'],
    [{ run: { leaseMs: 9e9 } }, 'run.leaseMs: must be from 1 to 2147483647 ms (about 24.8 days)'],
    [
      { executors: { default: { command: 'true', timeoutMs: 3e9 } } },
      'executors.default.timeoutMs: must be more than 0 and at most 2147483647 ms',
    ],
    [
      { retryPolicies: { execution: { baseDelayMs: 3e9 } } },
      'retryPolicies.execution.baseDelayMs: must be from 0 to 2147483647 ms',
    ],
  ])('given %j, run exits 2 naming the setting and the accepted range', async (config, message) => {
    ws.config(config);
    const result = await ws.cli(['run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: taskledger.config.json: ${message}`);
  });

  it('refuses a config nested 200,000 deep with exit 2, naming the file', async () => {
    configText(`{"run":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    for (const command of ['run', 'info']) {
      const result = await ws.cli([command]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`error: config file ${configPath()}: run: nested more than 32 levels deep`);
      expect(result.stderr).not.toContain('call stack');
    }
  });

  it('names the line and column of a JSON mistake', async () => {
    configText('{\n  "run": {\n    "leaseMs": 100,\n  }\n}\n');
    const result = await ws.cli(['run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `error: config file ${configPath()} is not valid JSON at line 4, column 3: unexpected "}"; expected a property name in double quotes`,
    );
  });

  it('says that an executor working directory is missing, and which', async () => {
    ws.backlog([{ id: 'CW-1' }]);
    ws.config({ executors: { default: { command: 'true', cwd: 'builds/out' } } });
    const result = await ws.cli(['run', '--backlog', 'backlog.md']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`working directory ${join(ws.path, 'builds/out')} does not exist`);
    expect(result.stdout).not.toContain('spawn true ENOENT');
  });
});
