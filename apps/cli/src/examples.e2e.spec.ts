import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ledger } from '../test/execution-cli';
import { workDir } from '../test/run-cli';

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
    expect(result.stdout).toContain('This run: 0 completed, 0 failed, 0 skipped, 0 retried (0 attempts)');
    expect(result.stdout).toContain('Nothing new to run');
  });
});
