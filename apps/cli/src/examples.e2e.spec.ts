import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ledger } from '../test/execution-cli';
import { runCli, workDir } from '../test/run-cli';

// Real processes: a run of a few seconds each, more on a loaded machine.
jest.setTimeout(60_000);

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

describe('the examples/ backlog, as a new user runs it', () => {
  const dir = workDir('examples');
  afterAll(() => dir.remove());
  const run = (...extra: string[]) =>
    cli(['run', '--backlog', 'examples/backlog.md', '--config', 'examples/taskledger.config.json', ...extra], {
      cwd: dir.path,
    });

  const taskledger = (...args: string[]) => runCli(args, { cwd: dir.path });

  beforeAll(() => cpSync(EXAMPLES, join(dir.path, 'examples'), { recursive: true }));

  it('runs every story to its expected end and exits 1 because the deploy fails for good', async () => {
    const result = await run('--format', 'json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const status = Object.fromEntries(
      report.status.map((row: { taskId: string; status: string; attempts: number | null }) => [
        row.taskId,
        [row.status, row.attempts],
      ]),
    );
    expect(status).toEqual({
      'EX-0': ['done', null],
      'EX-1': ['completed', 1],
      'EX-2': ['completed', 3],
      'EX-3': ['completed', 2],
      'EX-4': ['failed', 1],
      'EX-5': ['completed', 1],
      'EX-6': ['skipped', null],
      'EX-7': ['skipped', null],
    });
    expect(report.counts).toMatchObject({ completed: 4, failed: 1, skipped: 2, retried: 3 });
    const store = ledger(join(dir.path, '.taskledger', 'ledger.db'));
    const started = (await store.events('EX-3')).filter((event) => event.type === 'TaskExecutionStarted');
    expect(started.map((event) => (event.data as { timeoutMs: number }).timeoutMs)).toEqual([2000, 4000]);
    await store.close();
  });

  it('continues from the ledger the second time: nothing runs again, and it says so', async () => {
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('This run: 0 completed, 0 failed, 0 skipped, 0 retries (0 attempts)');
    expect(result.stdout).toContain('Nothing new to run');
  });

  it('list shows the execution status beside the backlog status', async () => {
    const result = await taskledger('list');
    expect(result.stdout).toMatch(/^ID +PRIORITY +POINTS +SCORE +BACKLOG +EXECUTION +DEPS +TITLE$/m);
    expect(result.stdout).toMatch(/^EX-0 +critical +1 +- +done +- +- +Set up the repository$/m);
    expect(result.stdout).toMatch(/^EX-1 +high +1 +- +todo +completed +EX-0 +Say hello$/m);
    expect(result.stdout).toMatch(/^EX-4 +critical +2 +- +todo +failed +- +Deploy to production$/m);
    const listed = JSON.parse((await taskledger('list', '--format', 'json')).stdout);
    expect(listed.tasks.find((task: { id: string }) => task.id === 'EX-6').executionStatus).toBe('skipped');
  });

  it('lanes says why each task is in no lane and not queued', async () => {
    const result = await taskledger('lanes');
    expect(result.stdout).toContain('Not in a lane: EX-4, EX-6, EX-7 (no score); EX-0, EX-1, EX-2, EX-3, EX-5 (done)');
    expect(result.stdout).toContain(
      'Not queued: EX-4, EX-6 (no default_executor); EX-7 (human-required); EX-0, EX-1, EX-2, EX-3, EX-5 (done)',
    );
  });

  it('execute of the human-required EX-7 counts the skip it reports', async () => {
    const result = await taskledger('execute', 'EX-7', '--config', 'examples/taskledger.config.json');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('EX-7 skipped: needs a person');
    expect(result.stdout).toMatch(/This execute: 0 completed, 0 failed, 1 skipped, 0 retries \(0 attempts\)/);
  });

  it('report applies the same policy with and without --config: a permission failure needs a person, no retry', async () => {
    const reportFailure = async (taskId: string, ...config: string[]) => {
      expect((await taskledger('report', taskId, 'start', ...config)).code).toBe(0);
      const failed = await taskledger(
        'report',
        taskId,
        'fail',
        '--error',
        'Permission denied: /etc/deploy/key',
        ...config,
      );
      return failed.stdout
        .replace(/^\d\d:\d\d:\d\d /gm, '')
        .replace(/failed after [^:]*:/, 'failed after a while:')
        .replaceAll(taskId, 'EX-n');
    };
    const withoutConfig = await reportFailure('EX-6');
    expect(withoutConfig).toContain('recovery   needs-person not-applicable (no automatic fix');
    expect(withoutConfig).toContain('FAILED     high permission failure (rule permission-text), needs a person');
    expect(withoutConfig).not.toContain('retry');
    expect(withoutConfig).toContain('EX-n is now failed');
    expect(await reportFailure('EX-7', '--config', 'examples/taskledger.config.json')).toBe(withoutConfig);
  });
});
