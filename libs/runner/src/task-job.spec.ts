import { taskStream } from '@taskledger/events';
import type { RecordedEvent } from '@taskledger/event-store';
import { RetryPoliciesConfig } from '@taskledger/execution';
import { runTaskJob, TaskJob } from './task-job';
import { registerTask, testCommand, testRunner, TestRunnerOptions, fields } from './testing/test-runner';
import type { ScriptedAttempt } from './testing/scripted-executor';

const noJitter = { jitter: false, maxDelayMs: 60_000 };
const policies: RetryPoliciesConfig = {
  execution: { maxRetries: 2, baseDelayMs: 1_000, multiplier: 2, ...noJitter },
  timeout: { maxRetries: 1, baseDelayMs: 100, multiplier: 1, ...noJitter },
};

const setup = async (script: (attempt: number) => ScriptedAttempt, options: TestRunnerOptions = {}) => {
  const runner = testRunner({ retryPolicies: policies, script: (_, attempt) => script(attempt), ...options });
  await registerTask(runner.eventStore, 'T-1');
  const t0 = runner.clock.now().getTime();
  const job = (overrides: Partial<TaskJob> = {}) =>
    runTaskJob(runner.deps, {
      taskId: 'T-1',
      command: testCommand('T-1', 5_000),
      mode: 'run',
      signal: new AbortController().signal,
      ...overrides,
    });
  const events = async (): Promise<RecordedEvent[]> => (await runner.eventStore.readStream(taskStream('T-1'))).slice(1);
  const offset = (event: RecordedEvent) => new Date(event.metadata.occurredAt).getTime() - t0;
  return { ...runner, job, events, offset };
};

const ofType = (events: RecordedEvent[], type: string) => events.filter((event) => event.type === type);

describe('a task job', () => {
  it('given an attempt that fails twice, when it runs, then it retries at exactly the policy delays and completes', async () => {
    const { clock, job, events, offset } = await setup((attempt) => ({
      durationMs: 500,
      exitCode: attempt < 3 ? 1 : 0,
    }));
    const outcome = await clock.run(job());
    expect(outcome).toEqual({ kind: 'completed', attempts: 3 });
    const history = await events();
    expect(history.map((event) => event.type)).toEqual([
      'TaskExecutionStarted',
      'TaskAttemptFailed',
      'TaskRetryScheduled',
      'TaskExecutionStarted',
      'TaskAttemptFailed',
      'TaskRetryScheduled',
      'TaskExecutionStarted',
      'TaskExecutionCompleted',
    ]);
    expect(ofType(history, 'TaskRetryScheduled').map((event) => fields(event)['delayMs'])).toEqual([1_000, 2_000]);
    expect(ofType(history, 'TaskExecutionStarted').map(offset)).toEqual([0, 1_500, 4_000]);
    expect(ofType(history, 'TaskExecutionCompleted').map((event) => fields(event)['durationMs'])).toEqual([500]);
  });

  it('given a jittered policy, when an attempt fails, then the next one starts exactly at the jittered notBefore', async () => {
    const jittered = {
      execution: { maxRetries: 1, baseDelayMs: 1_000, multiplier: 2, maxDelayMs: 60_000, jitter: true },
    };
    const { clock, job, events, offset } = await setup(
      (attempt) => ({ durationMs: 200, exitCode: attempt === 1 ? 1 : 0 }),
      {
        retryPolicies: jittered,
        random: () => 0,
      },
    );
    await clock.run(job());
    const history = await events();
    expect(fields(ofType(history, 'TaskRetryScheduled')[0]!)['delayMs']).toBe(500);
    expect(ofType(history, 'TaskExecutionStarted').map(offset)).toEqual([0, 700]);
  });

  it('given an attempt that times out, when it is retried, then the next attempt gets the doubled timeout', async () => {
    const { clock, job, events, calls } = await setup((attempt) => ({ durationMs: attempt === 1 ? 60_000 : 8_000 }));
    expect(await clock.run(job())).toEqual({ kind: 'completed', attempts: 2 });
    const history = await events();
    expect(history.map((event) => event.type)).toEqual([
      'TaskExecutionStarted',
      'TaskAttemptFailed',
      'RecoveryActionAttempted',
      'TaskRetryScheduled',
      'TaskExecutionStarted',
      'TaskExecutionCompleted',
    ]);
    expect(ofType(history, 'TaskAttemptFailed')[0]?.data).toMatchObject({
      durationMs: 5_000,
      classification: { category: 'timeout' },
    });
    expect(ofType(history, 'RecoveryActionAttempted')[0]?.data).toMatchObject({
      action: 'extend-timeout',
      details: { fromMs: 5_000, toMs: 10_000 },
    });
    expect(ofType(history, 'TaskExecutionStarted').map((event) => fields(event)['timeoutMs'])).toEqual([5_000, 10_000]);
    expect(calls.map((call) => call.request.timeoutMs)).toEqual([5_000, 10_000]);
  });

  it('given a long attempt, when it runs, then it renews its lease every third of the lease', async () => {
    const { clock, job, events, offset } = await setup(() => ({ durationMs: 35_000 }), {
      settings: { leaseMs: 30_000 },
    });
    await clock.run(job({ command: testCommand('T-1', null) }));
    const renewals = ofType(await events(), 'TaskLeaseRenewed');
    expect(renewals.map(offset)).toEqual([10_000, 20_000, 30_000]);
    expect(
      renewals.map(
        (event) =>
          new Date(fields(event)['leaseExpiresAt'] as string).getTime() - new Date(event.metadata.occurredAt).getTime(),
      ),
    ).toEqual([30_000, 30_000, 30_000]);
  });

  it('given ::progress lines, when they arrive, then each becomes a TaskProgressReported before the completion', async () => {
    const { clock, job, events } = await setup(() => ({
      durationMs: 1_000,
      progress: [
        [100, 0.25, 'fetching'],
        [600, 0.75, null],
      ],
    }));
    await clock.run(job());
    const history = await events();
    expect(history.map((event) => event.type)).toEqual([
      'TaskExecutionStarted',
      'TaskProgressReported',
      'TaskProgressReported',
      'TaskExecutionCompleted',
    ]);
    expect(
      ofType(history, 'TaskProgressReported').map((event) => [fields(event)['progress'], fields(event)['message']]),
    ).toEqual([
      [0.25, 'fetching'],
      [0.75, null],
    ]);
  });

  it('given a spawn failure (ENOENT), when it is recorded, then the scratch dir is cleared and it fails without a retry', async () => {
    const { clock, job, events, cleared } = await setup(() => ({ durationMs: 0, spawnError: 'ENOENT' }));
    const outcome = await clock.run(job());
    expect(outcome).toMatchObject({ kind: 'failed', attempts: 1 });
    const history = await events();
    expect(history.map((event) => event.type)).toEqual([
      'TaskExecutionStarted',
      'TaskAttemptFailed',
      'RecoveryActionAttempted',
      'TaskExecutionFailed',
    ]);
    expect(ofType(history, 'RecoveryActionAttempted')[0]?.data).toMatchObject({
      action: 'clear-scratch-dir',
      outcome: 'succeeded',
    });
    expect(ofType(history, 'TaskExecutionFailed')[0]?.data).toMatchObject({
      reason: 'not-retryable',
      category: 'file_system',
    });
    expect(cleared).toEqual(['T-1']);
  });
});
