import { taskStream } from '@taskledger/events';
import { reportOutside } from './outside-report';
import { registerTask, testRunner, fields } from './testing/test-runner';

const setup = async () => {
  const runner = testRunner({
    settings: { manualLeaseMs: 600_000 },
    retryPolicies: { execution: { maxRetries: 1, baseDelayMs: 1_000, jitter: false } },
  });
  await registerTask(runner.eventStore, 'M-1');
  const history = async () => (await runner.eventStore.readStream(taskStream('M-1'))).slice(1);
  return {
    ...runner,
    history,
    report: (report: Parameters<typeof reportOutside>[2]) => reportOutside(runner.deps, 'M-1', report),
  };
};

describe('outside runner reports', () => {
  it('given start, progress and complete, then the same events as an executor are appended, with a manual runner', async () => {
    const { report, history, clock } = await setup();
    await report({ action: 'start' });
    await clock.advance(60_000);
    await report({ action: 'progress', progress: 0.5, message: 'half way' });
    await clock.advance(60_000);
    const done = await report({ action: 'complete', exitCode: null });
    expect(done.state.status).toBe('completed');
    const events = await history();
    expect(events.map((event) => event.type)).toEqual([
      'TaskExecutionStarted',
      'TaskProgressReported',
      'TaskLeaseRenewed',
      'TaskExecutionCompleted',
    ]);
    expect(events[0]?.data).toMatchObject({
      attempt: 1,
      timeoutMs: null,
      runner: { kind: 'manual', command: null, pid: null },
    });
    expect(fields(events[2]!)['leaseExpiresAt']).toBe(
      new Date(new Date(events[1]!.metadata.occurredAt).getTime() + 600_000).toISOString(),
    );
    expect(events[3]?.data).toMatchObject({ durationMs: 120_000, exitCode: null });
  });

  it('given a reported failure, then it is classified and retried under the policy, and the next start is attempt 2', async () => {
    const { report, history } = await setup();
    await report({ action: 'start' });
    const failed = await report({ action: 'fail', error: 'deploy script crashed', exitCode: 3 });
    expect(failed.events.map((event) => event.type)).toEqual(['TaskAttemptFailed', 'TaskRetryScheduled']);
    expect(failed.events[0]?.data).toMatchObject({
      error: { type: 'manual', message: 'deploy script crashed', exitCode: 3 },
    });
    await report({ action: 'start' });
    const started = (await history()).filter((event) => event.type === 'TaskExecutionStarted');
    expect(started.map((event) => fields(event)['attempt'])).toEqual([1, 2]);
  });

  it('given nothing running, when completion is reported, then it is refused with ExecutionNotFound', async () => {
    const { report } = await setup();
    await expect(report({ action: 'complete', exitCode: 0 })).rejects.toMatchObject({
      name: 'TaskledgerError',
      code: 'ExecutionNotFound',
    });
  });

  it('given a task that is running, when another start is reported, then it is refused with TaskNotRunnable', async () => {
    const { report } = await setup();
    await report({ action: 'start' });
    await expect(report({ action: 'start' })).rejects.toMatchObject({
      name: 'TaskledgerError',
      code: 'TaskNotRunnable',
    });
  });
});
