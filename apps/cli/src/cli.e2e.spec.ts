import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, workDir } from '../test/run-cli';

describe('taskledger command line', () => {
  const dir = workDir('basics');
  afterAll(() => dir.remove());
  const cli = (args: string[], env?: Record<string, string>) => runCli(args, { cwd: dir.path, env });

  it('explains itself with --help: commands, store settings and exit codes', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: taskledger');
    expect(result.stdout).toMatch(/info \[options\]\s+show the configuration/);
    expect(result.stdout).toContain('TASKLEDGER_EVENT_STORE');
    expect(result.stdout).toContain('Exit codes: 0 ok, 1');
  });

  it('prints its version', async () => {
    const result = await cli(['--version']);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 on an unknown command, pointing at --help', async () => {
    const result = await cli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
    expect(result.stderr).toContain('--help');
  });

  it('creates the embedded ledger on first use and reports it empty', async () => {
    const result = await cli(['info']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Event store:    sqlite:${join(dir.path, '.taskledger/ledger.db')}`);
    expect(result.stdout).toContain('Head position:  (no events yet)');
    expect(existsSync(join(dir.path, '.taskledger/ledger.db'))).toBe(true);
  });

  it('answers in JSON when asked', async () => {
    const result = await cli(['info', '--format', 'json'], { TASKLEDGER_EVENT_STORE: 'memory:' });
    expect(JSON.parse(result.stdout)).toMatchObject({
      configFile: null,
      eventStore: 'memory:',
      readStore: 'memory:',
      headPosition: null,
      backlog: join(dir.path, '000_backlog.md'),
      executors: {},
    });
  });

  it('stops with exit 2 and names the setting when a store setting is bad', async () => {
    const result = await cli(['info'], { TASKLEDGER_EVENT_STORE: 'postgres://somewhere' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'TASKLEDGER_EVENT_STORE="postgres://somewhere" is not valid; accepted forms: sqlite:<path>',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a ledger file that is not a database, with a stack trace only under --debug', async () => {
    writeFileSync(join(dir.path, 'notes.db'), 'not a database '.repeat(500));
    const plain = await cli(['info'], { TASKLEDGER_EVENT_STORE: 'sqlite:notes.db' });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain(`ledger database ${join(dir.path, 'notes.db')} is not a SQLite database`);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await cli(['--debug', 'info'], { TASKLEDGER_EVENT_STORE: 'sqlite:notes.db' });
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
