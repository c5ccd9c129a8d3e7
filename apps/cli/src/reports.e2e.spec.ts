import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordedEvent, SqliteEventStore } from '@taskledger/event-store';
import { cli } from '../test/execution-cli';
import { runCli, workDir } from '../test/run-cli';

jest.setTimeout(60_000);

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const TASKS = ['EX-0', 'EX-1', 'EX-2', 'EX-3', 'EX-4', 'EX-5', 'EX-6', 'EX-7'];

/** What the reports must say, worked out here straight from the task streams. */
const expectedFrom = (streams: Map<string, RecordedEvent[]>) => {
  const all = [...streams.values()].flat();
  const of = (type: string) => all.filter((event) => event.type === type);
  const durations = of('TaskExecutionCompleted')
    .map((event) => (event.data as { durationMs: number }).durationMs)
    .sort((a, b) => a - b);
  const byCategory: Record<string, number> = {};
  for (const failed of of('TaskAttemptFailed')) {
    const category = (failed.data as { classification: { category: string } }).classification.category;
    byCategory[category] = (byCategory[category] ?? 0) + 1;
  }
  const lastOutcome = (events: RecordedEvent[]) =>
    [...events]
      .reverse()
      .find((event) => ['TaskExecutionCompleted', 'TaskExecutionFailed', 'TaskSkipped'].includes(event.type))?.type;
  const finals = [...streams.values()].map(lastOutcome);
  const rank = 0.95 * (durations.length - 1);
  const [below, above] = [durations[Math.floor(rank)]!, durations[Math.ceil(rank)]!];
  const neverRun = (events: RecordedEvent[]) => events.every((event) => event.type === 'TaskRegistered');
  const declaredDone = (events: RecordedEvent[]) =>
    (events[0]?.data as { definition?: { backlogStatus?: string } }).definition?.backlogStatus === 'done';
  return {
    declaredDone: [...streams.values()].filter((events) => neverRun(events) && declaredDone(events)).length,
    p95Seconds: (below + (rank - Math.floor(rank)) * (above - below)) / 1000,
    completed: finals.filter((type) => type === 'TaskExecutionCompleted').length,
    failed: finals.filter((type) => type === 'TaskExecutionFailed').length,
    skipped: finals.filter((type) => type === 'TaskSkipped').length,
    successes: of('TaskExecutionCompleted').length,
    failures: of('TaskExecutionFailed').length,
    retries: of('TaskRetryScheduled').length,
    meanSeconds: durations.reduce((sum, ms) => sum + ms, 0) / durations.length / 1000,
    errors: of('TaskAttemptFailed').length,
    byCategory,
  };
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('reports after a real run of the examples', () => {
  const dir = workDir('reports');
  afterAll(() => dir.remove());
  const taskledger = (...args: string[]) => runCli(args, { cwd: dir.path });
  let expected: ReturnType<typeof expectedFrom>;
  let streams: Map<string, RecordedEvent[]>;
  let runOutput: string;

  beforeAll(async () => {
    cpSync(EXAMPLES, join(dir.path, 'examples'), { recursive: true });
    const run = await cli(['run', '--backlog', 'examples/backlog.md', '--config', 'examples/taskledger.config.json'], {
      cwd: dir.path,
    });
    runOutput = run.stdout;
    const store = new SqliteEventStore(join(dir.path, '.taskledger/ledger.db'));
    streams = new Map(await Promise.all(TASKS.map(async (id) => [id, await store.readStream(`task-${id}`)] as const)));
    await store.close();
    expected = expectedFrom(streams);
  });

  it('status shows the breakdown, recent executions and success rate the events imply', async () => {
    const { stdout, code } = await taskledger('status');
    expect(code).toBe(0);
    expect(stdout).toContain(`Execution Status:\nTotal tasks: ${TASKS.length}\n`);
    const completed = expected.completed + expected.declaredDone;
    expect(stdout).toContain(
      `  completed: ${completed} (${expected.declaredDone} declared done in the backlog)\n  failed: ${expected.failed}\n  skipped: ${expected.skipped}\n`,
    );
    expect(stdout).toMatch(/Recent executions:\n {2}EX-\d: (completed|failed) \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)/);
    const rate = ((100 * expected.successes) / (expected.successes + expected.failures)).toFixed(1);
    expect(stdout).toContain(`Success rate: ${rate}% of ${expected.successes + expected.failures} ended executions`);
  });

  it('status counts EX-0, which the backlog declares done, as completed, as the run summary shows it done', async () => {
    expect(runOutput).toMatch(/EX-0 {2}done /);
    const { stdout } = await taskledger('status');
    expect(stdout).toContain('Pending tasks: 0\n');
    expect(stdout).toContain('  pending: 0\n');
    const csv = (await taskledger('export', 'tasks', '--format', 'csv')).stdout.split('\r\n');
    expect(csv.find((row) => row.startsWith('EX-0,'))).toMatch(
      /^EX-0,Set up the repository,critical,1,done,completed,/,
    );
  });

  it('ends the run summary with the retries counted as retries, not as retried tasks', () => {
    expect(expected.retries).toBe(3);
    expect(runOutput).toContain('This run: 4 completed, 1 failed, 2 skipped, 3 retries (8 attempts)');
  });

  it('stats gives a p95 from the exact durations while there are few: never below the average', async () => {
    const { overall } = JSON.parse((await taskledger('stats', '--format', 'json')).stdout);
    expect(overall.p95DurationMs / 1000).toBeCloseTo(expected.p95Seconds, 3);
    expect(overall.p95DurationMs).toBeGreaterThanOrEqual(overall.avgDurationMs);
  });

  it("history in text shows each failure's error message; a script's own exit 126 is not 'not executable'", async () => {
    const { stdout } = await taskledger('history', 'EX-4');
    const message = "exited with code 126: Error: EACCES: permission denied, open '/etc/deploy/credentials.json'";
    expect(stdout).toMatch(new RegExp(`TaskAttemptFailed .*exitCode=126 .*message=${escapeRegExp(message)}\n`));
    expect(stdout).toMatch(/TaskExecutionFailed .*reason=needs-person .*message=high permission failure/);
    expect(runOutput).toContain('(permission, rule permission-text)');
    expect(runOutput).not.toContain('exit-not-executable');
  });

  it('stats shows executions, retries and the mean duration, and exports one CSV row per task', async () => {
    const { stdout } = await taskledger('stats', '--export-csv', 'metrics.csv');
    expect(stdout).toContain(
      `Executions: ${expected.successes + expected.failures} (${expected.successes} succeeded, ${expected.failures} failed)`,
    );
    expect(stdout).toContain(`Total retries: ${expected.retries}`);
    const mean = Number(/Average execution time: ([\d.]+)s/.exec(stdout)![1]);
    expect(mean).toBeCloseTo(expected.meanSeconds, 1);
    const rows = readFileSync(join(dir.path, 'metrics.csv'), 'utf8').trim().split('\r\n');
    expect(rows[0]).toMatch(/^task_id,executions,successes,failures,/);
    expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(['EX-1', 'EX-2', 'EX-3', 'EX-4', 'EX-5']);
  });

  it('errors counts every failed attempt by category, and the JSON report has every section', async () => {
    const { stdout } = await taskledger('errors', '--export-report', 'errors.json');
    expect(stdout).toContain(`Total errors: ${expected.errors}`);
    for (const [category, count] of Object.entries(expected.byCategory))
      expect(stdout).toMatch(new RegExp(`  ${category}: ${count} \\(`));
    const report = JSON.parse(readFileSync(join(dir.path, 'errors.json'), 'utf8'));
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['byCategory', 'bySeverity', 'recovery', 'retryPatterns', 'temporal', 'topFingerprints']),
    );
  });

  it('history prints every event of the stream, in order, with actor and correlation id', async () => {
    const { stdout } = await taskledger('history', 'EX-3', '--format', 'json');
    const history = JSON.parse(stdout);
    expect(history.task).toBe('EX-3');
    expect(history.events.map((event: { id: string }) => event.id)).toEqual(
      streams.get('EX-3')!.map((event) => event.id),
    );
    const text = (await taskledger('history', 'EX-3')).stdout;
    expect(text).toMatch(/TaskAttemptFailed .*category=timeout/);
    expect(text).toMatch(/TaskRetryScheduled .*nextAttempt=2/);
    expect((await taskledger('history', 'NOPE-1')).code).toBe(2);
  });

  it('exports the same bytes twice from the same read models', async () => {
    for (const kind of ['tasks', 'metrics', 'errors']) {
      const [first, second] = [await taskledger('export', kind), await taskledger('export', kind)];
      expect(first.code).toBe(0);
      expect(second.stdout).toBe(first.stdout);
    }
  });
});
