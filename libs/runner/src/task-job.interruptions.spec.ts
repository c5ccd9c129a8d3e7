import { taskStream } from '@taskledger/events';
import { RetryPoliciesConfig } from '@taskledger/execution';
import { runnerName } from './runner-deps';
import { runTaskJob, TaskJob } from './task-job';
import { TaskStreamHandle } from './task-stream';
import { registerTask, streamTypes, testCommand, testRunner } from './testing/test-runner';
import { VirtualClock } from './testing/virtual-clock';

const policies: RetryPoliciesConfig = {
  execution: { maxRetries: 2, baseDelayMs: 10_000, multiplier: 1, maxDelayMs: 60_000, jitter: false },
};

const setup = async (durationMs: number | ((attempt: number) => number), exitCode = 0) => {
  const runner = testRunner({
    retryPolicies: policies,
    script: (_, attempt) => ({
      durationMs: typeof durationMs === 'number' ? durationMs : durationMs(attempt),
      exitCode,
    }),
  });
  await registerTask(runner.eventStore, 'T-1');
  const job = (overrides: Partial<TaskJob> = {}) =>
    runTaskJob(runner.deps, {
      taskId: 'T-1',
      command: testCommand('T-1', null),
      mode: 'run',
      signal: new AbortController().signal,
      ...overrides,
    });
  const history = async () => (await runner.eventStore.readStream(taskStream('T-1'))).slice(1);
  return { ...runner, job, history };
};

describe('a task job that is interrupted or loses its attempt', () => {
  it('given Ctrl-C during an attempt, then the child is stopped and the attempt is recorded as interrupted, retried at once', async () => {
    const { clock, job, history, calls } = await setup(60_000);
    const stop = new AbortController();
    const [outcome] = await clock.run(
      Promise.all([job({ signal: stop.signal }), clock.sleep(3_000).then(() => stop.abort('SIGINT'))]),
    );
    expect(outcome).toEqual({ kind: 'interrupted', attempts: 1 });
    expect(calls[0]?.request.signal?.aborted).toBe(true);
    const events = await history();
    expect(events.map((event) => event.type)).toEqual([
      'TaskExecutionStarted',
      'TaskAttemptFailed',
      'TaskRetryScheduled',
    ]);
    expect(events[1]?.data).toMatchObject({
      durationMs: 3_000,
      error: { type: 'interrupted', signal: 'SIGINT' },
      classification: { ruleId: 'interrupted' },
    });
    expect(events[2]?.data).toMatchObject({ delayMs: 0, reason: 'interrupted' });
  });

  it('given Ctrl-C while a retry waits, then nothing more is appended and the retry stays scheduled', async () => {
    const { clock, job, history } = await setup(1_000, 1);
    const stop = new AbortController();
    const [outcome] = await clock.run(
      Promise.all([job({ signal: stop.signal }), clock.sleep(5_000).then(() => stop.abort('SIGTERM'))]),
    );
    expect(outcome).toEqual({ kind: 'interrupted', attempts: 1 });
    expect((await history()).map((event) => event.type)).toEqual([
      'TaskExecutionStarted',
      'TaskAttemptFailed',
      'TaskRetryScheduled',
    ]);
  });

  it('given an interrupted attempt, when a later job runs, then attempt 2 of the same execution starts and the budget is intact', async () => {
    const { clock, job, history } = await setup((attempt) => (attempt === 1 ? 60_000 : 1_000));
    const stop = new AbortController();
    await clock.run(Promise.all([job({ signal: stop.signal }), clock.sleep(1_000).then(() => stop.abort('SIGINT'))]));
    expect(await clock.run(job())).toEqual({ kind: 'completed', attempts: 1 });
    const started = (await history())
      .filter((event) => event.type === 'TaskExecutionStarted')
      .map((event) => event.data);
    expect(started.map((data) => data['attempt'])).toEqual([1, 2]);
    expect(started[1]?.['executionId']).toBe(started[0]?.['executionId']);
  });

  it('given another runner abandons the attempt (our lease had expired), then the child is stopped and the job is lost', async () => {
    const { clock, job, deps, history, calls } = await setup(60_000);
    const later = new VirtualClock(new Date(clock.now().getTime() + 3_600_000));
    const other = { ...deps, clock: later.now, identity: { ...deps.identity, pid: 99 } };
    const abandon = clock.sleep(15_000).then(() =>
      new TaskStreamHandle(other, 'T-1').apply((_, now) => ({
        type: 'AbandonExpired',
        taskId: 'T-1',
        now,
        detectedBy: runnerName(other.identity),
      })),
    );
    const [outcome] = await clock.run(Promise.all([job(), abandon]));
    expect(outcome).toMatchObject({ kind: 'lost', attempts: 1 });
    expect(calls[0]?.request.signal?.aborted).toBe(true);
    expect((await history()).map((event) => event.type)).toEqual([
      'TaskExecutionStarted',
      'TaskLeaseRenewed',
      'TaskExecutionAbandoned',
      'TaskAttemptFailed',
      'TaskRetryScheduled',
    ]);
  });

  it('given two runners racing for the same task, then exactly one starts it and the other moves on', async () => {
    const first = await setup(1_000);
    const second = testRunner({ clock: first.clock, eventStore: first.eventStore, pid: 2 });
    const racer = runTaskJob(second.deps, {
      taskId: 'T-1',
      command: testCommand('T-1'),
      mode: 'run',
      signal: new AbortController().signal,
    });
    const outcomes = await first.clock.run(Promise.all([first.job(), racer]));
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['completed', 'not-started']);
    expect(await streamTypes(first.eventStore, 'T-1')).toEqual([
      'TaskRegistered',
      'TaskExecutionStarted',
      'TaskExecutionCompleted',
    ]);
  });

  it.each([
    ['run', 11_000],
    ['execute', 2_000],
  ] as const)(
    'given a retry due at 11 s, when `%s` takes it up at 2 s, then attempt 2 starts at %i ms',
    async (mode, expected) => {
      const { clock, job, history } = await setup(1_000, 1);
      const t0 = clock.now().getTime();
      const stop = new AbortController();
      await clock.run(Promise.all([job({ signal: stop.signal }), clock.sleep(2_000).then(() => stop.abort('SIGINT'))]));
      const stopAgain = new AbortController();
      await clock.run(
        Promise.all([
          job({ mode, signal: stopAgain.signal }),
          clock.sleep(12_000).then(() => stopAgain.abort('SIGINT')),
        ]),
      );
      const started = (await history()).filter((event) => event.type === 'TaskExecutionStarted');
      expect(new Date(started[1]!.metadata.occurredAt).getTime() - t0).toBe(expected);
    },
  );
});
