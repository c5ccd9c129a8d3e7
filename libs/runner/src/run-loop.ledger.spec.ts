import type { RecordedEvent } from '@taskledger/event-store';
import type { BacklogTaskDoc } from '@taskledger/projections';
import { runTasks } from './run-loop';
import type { RunOptions } from './run-options';
import { emptyCounts, RunCounts } from './run-tally';
import { registerTask, streamTypes, testCommand, testRunner, fields } from './testing/test-runner';
import { TaskStreamHandle } from './task-stream';
import { VirtualClock } from './testing/virtual-clock';

const options = (overrides: Partial<RunOptions> = {}): RunOptions => ({
  confirm: async () => false,
  resolve: (task: BacklogTaskDoc) => ({ kind: 'command', command: testCommand(task.id) }),
  signal: new AbortController().signal,
  ...overrides,
});

const allEvents = async (runner: ReturnType<typeof testRunner>): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of runner.eventStore.readAll()) events.push(event);
  return events;
};

/** The counts a run should report, recomputed from the events carrying its correlation id. */
const countsFromEvents = (events: RecordedEvent[], correlationId: string): RunCounts => {
  const counts = emptyCounts();
  for (const event of events.filter((e) => e.metadata.correlationId === correlationId)) {
    if (event.type === 'TaskExecutionStarted') counts.started++;
    if (event.type === 'TaskExecutionCompleted') counts.completed++;
    if (event.type === 'TaskExecutionFailed') counts.failed++;
    if (event.type === 'TaskSkipped') counts.skipped++;
    if (event.type === 'TaskExecutionAbandoned') counts.abandoned++;
    if (event.type === 'TaskRetryScheduled' && event.data.reason !== 'interrupted') counts.retried++;
    if (event.type === 'TaskAttemptFailed' && event.data.error.type === 'interrupted') counts.interrupted++;
  }
  return counts;
};

describe('run: what the ledger already says', () => {
  it('given a runner that died mid-attempt, when its lease has expired, then run abandons the attempt and retries it', async () => {
    const clock = new VirtualClock();
    const dead = testRunner({ clock, pid: 1, settings: { leaseMs: 30_000 } });
    await registerTask(dead.eventStore, 'T-1');
    await new TaskStreamHandle(dead.deps, 'T-1').apply((_, now) => ({
      type: 'StartExecution',
      taskId: 'T-1',
      now,
      newExecutionId: dead.deps.newId(),
      leaseMs: 30_000,
      timeoutMs: null,
      runner: { kind: 'shell', command: 'x', host: 'h', pid: 1 },
    }));
    await clock.advance(31_000);
    const next = testRunner({ clock, eventStore: dead.eventStore, pid: 2 });
    const report = await clock.run(runTasks(next.deps, options()));
    expect(report.abandoned).toEqual(['T-1']);
    expect(await streamTypes(next.eventStore, 'T-1')).toEqual([
      'TaskRegistered',
      'TaskExecutionStarted',
      'TaskExecutionAbandoned',
      'TaskAttemptFailed',
      'TaskRetryScheduled',
      'TaskExecutionStarted',
      'TaskExecutionCompleted',
    ]);
    expect(report.counts).toMatchObject({ abandoned: 1, retried: 1, started: 1, completed: 1 });
  });

  it('given a first run with a failure and skips, when run again, then nothing is repeated and nothing is appended', async () => {
    const runner = testRunner({
      retryPolicies: { execution: { maxRetries: 1, baseDelayMs: 10, jitter: false } },
      script: (id) => ({ durationMs: 50, exitCode: id === 'F' ? 1 : 0 }),
    });
    for (const [id, definition] of [
      ['OK', {}],
      ['F', {}],
      ['D', { dependencies: ['F'] }],
      ['H', { humanRequired: true }],
    ] as const) {
      await registerTask(runner.eventStore, id, definition as never);
    }
    const first = await runner.clock.run(runTasks(runner.deps, options()));
    expect(first.counts).toEqual({
      started: 3,
      completed: 1,
      failed: 1,
      skipped: 2,
      retried: 1,
      abandoned: 0,
      interrupted: 0,
    });
    expect(first.counts).toEqual(countsFromEvents(await allEvents(runner), runner.deps.identity.correlationId));
    const again = testRunner({ clock: runner.clock, eventStore: runner.eventStore, pid: 7 });
    const before = (await allEvents(runner)).length;
    const second = await runner.clock.run(runTasks(again.deps, options()));
    expect((await allEvents(runner)).length).toBe(before);
    expect(second.counts).toEqual(emptyCounts());
    expect(
      second.tasks.map((task) => [task.taskId, task.outcome.kind, 'recorded' in task.outcome && task.outcome.recorded]),
    ).toEqual([
      ['D', 'skipped', false],
      ['H', 'skipped', false],
    ]);
    expect(again.calls).toHaveLength(0);
  });

  it('given two runners racing over 30 tasks, then every task is started exactly once per attempt', async () => {
    const clock = new VirtualClock();
    const script = (id: string, attempt: number) => ({
      durationMs: 100 + (Number(id.slice(2)) % 7) * 10,
      exitCode: attempt === 1 && id.endsWith('3') ? 1 : 0,
    });
    const retryPolicies = { execution: { maxRetries: 2, baseDelayMs: 50, jitter: false } };
    const a = testRunner({ clock, pid: 1, script, retryPolicies });
    const b = testRunner({ clock, eventStore: a.eventStore, pid: 2, script, retryPolicies });
    const ids = Array.from({ length: 30 }, (_, index) => `R-${index + 1}`);
    for (const id of ids) await registerTask(a.eventStore, id);
    const [left, right] = await clock.run(
      Promise.all([runTasks(a.deps, options({ concurrency: 3 })), runTasks(b.deps, options({ concurrency: 3 }))]),
    );
    const events = await allEvents(a);
    for (const id of ids) {
      const starts = events
        .filter((event) => event.type === 'TaskExecutionStarted' && event.data.taskId === id)
        .map((event) => `${fields(event)['executionId']}#${fields(event)['attempt']}`);
      expect(new Set(starts).size).toBe(starts.length);
      expect(new Set(starts.map((start) => start.split('#')[0])).size).toBe(1);
    }
    expect(left.counts.completed + right.counts.completed).toBe(30);
    expect(left.counts.started + right.counts.started).toBe(33);
    expect(left.counts).toEqual(countsFromEvents(events, a.deps.identity.correlationId));
    expect(right.counts).toEqual(countsFromEvents(events, b.deps.identity.correlationId));
  });

  it('given Ctrl-C during a run, then running attempts are interrupted, queued tasks are held, and the report says so', async () => {
    const runner = testRunner({ script: () => ({ durationMs: 10_000 }) });
    for (const id of ['A', 'B', 'C']) await registerTask(runner.eventStore, id);
    const stop = new AbortController();
    const [report] = await runner.clock.run(
      Promise.all([
        runTasks(runner.deps, options({ concurrency: 2, signal: stop.signal })),
        runner.clock.sleep(500).then(() => stop.abort('SIGINT')),
      ]),
    );
    expect(report.interrupted).toBe(true);
    expect(report.tasks.map((task) => [task.taskId, task.outcome.kind])).toEqual([
      ['A', 'interrupted'],
      ['B', 'interrupted'],
      ['C', 'held'],
    ]);
    expect(report.counts).toMatchObject({ started: 2, interrupted: 2, retried: 0 });
  });
});
