import { testUuid } from '@taskledger/events/testing';
import type { TaskCommand } from './task.commands';
import { decide } from './task.decider';
import { foldTaskState } from './task.evolve';
import {
  at,
  completeExecution,
  definitionChanged,
  executionCompleted,
  executionFailed,
  executionReset,
  executionStarted,
  given,
  leaseRenewed,
  progressReported,
  removedFromBacklog,
  renewLease,
  reportProgress,
  resetExecution,
  retryScheduled,
  skipTask,
  startExecution,
  taskRegistered,
  taskSkipped,
  TEST_EXECUTION_ID,
  testDecisionContext,
  testRunner,
  attemptFailed,
} from './testing';

const running = [taskRegistered(), executionStarted()];
const retrying = [...running, attemptFailed(), retryScheduled({ notBefore: at(30).toISOString() })];

describe('task decider: starting', () => {
  describe('given a registered task that never ran', () => {
    it('starts a new execution at attempt 1 with a lease and a timeout', () =>
      given([taskRegistered()])
        .when(startExecution({ now: at(0), leaseMs: 60_000, timeoutMs: 30_000 }))
        .thenEvents(
          [
            executionStarted({
              attempt: 1,
              leaseExpiresAt: at(60).toISOString(),
              timeoutMs: 30_000,
              runner: testRunner,
            }),
          ],
          'running',
        ));

    it('accepts a manual runner without a timeout (taskledger report start)', () => {
      const runner = { kind: 'manual' as const, command: null, host: 'laptop', pid: null };
      given([taskRegistered()])
        .when(startExecution({ runner, timeoutMs: null }))
        .thenEvents([executionStarted({ runner, timeoutMs: null })]);
    });

    it.each([
      ['a lease of 0 ms', { leaseMs: 0 }],
      ['a negative timeout', { timeoutMs: -1 }],
      ['an execution id that is not a UUID', { newExecutionId: 'run-1' }],
      ['a runner without a host', { runner: { ...testRunner, host: undefined as unknown as string } }],
      ['an invalid time', { now: new Date('nonsense') }],
      ['another task’s id', { taskId: 'T-2' }],
    ])('refuses %s as an invalid command', (_, overrides) =>
      given([taskRegistered()]).when(startExecution(overrides)).thenThrows('InvalidCommand'),
    );
  });

  it('refuses to start a task that was never registered', () =>
    given([]).when(startExecution()).thenThrows('TaskNotRegistered'));

  it('refuses a second start while an execution runs (two racing runs produce one start)', () =>
    given(running)
      .when(startExecution({ newExecutionId: testUuid(2) }))
      .thenThrows('TaskNotRunnable'));

  it('refuses to start a task removed from the backlog', () =>
    given([taskRegistered(), removedFromBacklog()]).when(startExecution()).thenThrows('TaskNotRunnable'));

  it('starts a task again once it re-appeared in the backlog', () =>
    given([taskRegistered(), removedFromBacklog(), taskRegistered()]).when(startExecution()).thenStatus('running'));

  describe('given a retrying execution', () => {
    it('starts the next attempt of the same execution once the retry is due', () =>
      given(retrying)
        .when(startExecution({ now: at(30), newExecutionId: testUuid(2) }))
        .thenEvents([executionStarted({ attempt: 2, leaseExpiresAt: at(90).toISOString() })]));

    it('refuses the next attempt before notBefore', () =>
      given(retrying)
        .when(startExecution({ now: at(29) }))
        .thenThrows('RetryNotDue'));

    it('starts the next attempt before notBefore when forced', () =>
      given(retrying)
        .when(startExecution({ now: at(29), force: true }))
        .thenStatus('running'));
  });

  it.each([
    ['completed', [...running, executionCompleted()]],
    ['failed', [...running, attemptFailed(), executionFailed()]],
    ['skipped', [taskRegistered(), taskSkipped()]],
    ['reset', [...running, executionReset({ previousStatus: 'running' })]],
    ['left mid-failure by a crash', [...running, attemptFailed()]],
  ])('starts a new execution at attempt 1 after the task was %s', (_, history) =>
    given(history)
      .when(startExecution({ newExecutionId: testUuid(2) }))
      .thenEvents([executionStarted({ executionId: testUuid(2), attempt: 1 })]),
  );
});

describe('task decider: progress and leases', () => {
  it('records progress of the running attempt', () =>
    given(running)
      .when(reportProgress({ progress: 0.25, message: 'compiling' }))
      .thenEvents([progressReported({ progress: 0.25, message: 'compiling' })]));

  it('renews the lease from now', () =>
    given(running)
      .when(renewLease({ now: at(50), leaseMs: 60_000 }))
      .thenEvents([leaseRenewed({ leaseExpiresAt: at(110).toISOString() })]));

  it('still renews a lease that expired but was not abandoned', () =>
    given(running)
      .when(renewLease({ now: at(90) }))
      .thenEventTypes(['TaskLeaseRenewed']));

  it('refuses a progress outside 0..1', () =>
    given(running)
      .when(reportProgress({ progress: 1.5 }))
      .thenThrows('InvalidCommand'));

  it('refuses a renewal of 0 ms', () =>
    given(running)
      .when(renewLease({ leaseMs: 0 }))
      .thenThrows('InvalidCommand'));

  it.each([
    ['ReportProgress', reportProgress()],
    ['RenewLease', renewLease()],
    ['CompleteExecution', completeExecution()],
  ])('refuses %s when nothing runs', (_, command) =>
    given([taskRegistered()]).when(command).thenThrows('ExecutionNotFound'),
  );

  it.each([
    ['ReportProgress', reportProgress({ executionId: testUuid(7) })],
    ['RenewLease', renewLease({ executionId: testUuid(7) })],
    ['CompleteExecution', completeExecution({ executionId: testUuid(7) })],
  ])('refuses %s for another execution than the running one', (_, command) =>
    given(running).when(command).thenThrows('ExecutionNotFound'),
  );

  it.each([
    ['ReportProgress', reportProgress({ attempt: 2 })],
    ['RenewLease', renewLease({ attempt: 2 })],
    ['CompleteExecution', completeExecution({ attempt: 2 })],
  ])('refuses %s for another attempt than the running one', (_, command) =>
    given(running).when(command).thenThrows('AttemptMismatch'),
  );

  it.each([
    ['ReportProgress', reportProgress()],
    ['RenewLease', renewLease()],
    ['CompleteExecution', completeExecution()],
  ])('refuses %s for an unregistered task', (_, command) => given([]).when(command).thenThrows('TaskNotRegistered'));
});

describe('task decider: completing', () => {
  it('completes the running attempt with its wall time since the start', () =>
    given(running)
      .when(completeExecution({ now: at(12), exitCode: 0 }))
      .thenEvents([executionCompleted({ durationMs: 12_000, exitCode: 0 })], 'completed'));

  it('prefers the duration the executor measured', () =>
    given(running)
      .when(completeExecution({ durationMs: 11_250 }))
      .thenEvents([executionCompleted({ durationMs: 11_250 })]));

  it('decides nothing when the same attempt is completed again (idempotent retry of the command)', () =>
    given([...running, executionCompleted()])
      .when(completeExecution({ executionId: TEST_EXECUTION_ID, attempt: 1 }))
      .thenNothing());

  it('refuses a completion without ids once the execution completed', () =>
    given([...running, executionCompleted()])
      .when(completeExecution())
      .thenThrows('ExecutionNotFound'));

  it('refuses a non-integer exit code', () =>
    given(running)
      .when(completeExecution({ exitCode: 0.5 }))
      .thenThrows('InvalidCommand'));

  it('refuses to guess a duration when the start time is unknown', () => {
    const state = foldTaskState(running);
    expect(() => decide(completeExecution(), state, testDecisionContext())).toThrow(
      expect.objectContaining({ code: 'InvalidCommand' }),
    );
  });
});

describe('task decider: skipping', () => {
  it('records unmet dependencies', () =>
    given([taskRegistered()])
      .when(skipTask({ reason: 'dependencies-unmet', missing: ['T-0', 'T-9'] }))
      .thenEvents([taskSkipped({ missing: ['T-0', 'T-9'], message: 'waiting for T-0, T-9' })], 'skipped'));

  it('records a human-required task that was not confirmed', () =>
    given([taskRegistered({ humanRequired: true })])
      .when(skipTask({ reason: 'human-required', missing: [] }))
      .thenEvents([
        taskSkipped({
          reason: 'human-required',
          missing: [],
          message: 'needs a person: confirm with --yes or at the prompt',
        }),
      ]));

  it('decides nothing when the same skip is repeated', () =>
    given([taskRegistered(), taskSkipped()]).when(skipTask()).thenNothing());

  it('records a skip again when what is missing changed', () =>
    given([taskRegistered(), taskSkipped()])
      .when(skipTask({ missing: ['T-5'] }))
      .thenEventTypes(['TaskSkipped']));

  it('skips a retrying task, ending its execution', () => given(retrying).when(skipTask()).thenStatus('skipped'));

  it('refuses to skip a running task', () => given(running).when(skipTask()).thenThrows('ExecutionInProgress'));

  it('refuses to skip an unregistered task', () => given([]).when(skipTask()).thenThrows('TaskNotRegistered'));
});

describe('task decider: resetting', () => {
  it.each([
    ['running', running],
    ['retrying', retrying],
    ['failed', [...running, attemptFailed(), executionFailed()]],
    ['completed', [...running, executionCompleted()]],
    ['skipped', [taskRegistered(), taskSkipped()]],
  ])('resets a %s task to pending, recording the previous status', (status, history) =>
    given(history)
      .when(resetExecution({ reason: 'operator' }))
      .thenEvents([executionReset({ previousStatus: status, reason: 'operator' })], 'pending'),
  );

  it('decides nothing for a pending task', () => given([taskRegistered()]).when(resetExecution()).thenNothing());

  it('refuses to reset an unregistered task', () => given([]).when(resetExecution()).thenThrows('TaskNotRegistered'));

  it('makes later reports of the reset execution fail as not found', () =>
    given([...running, executionReset({ previousStatus: 'running' })])
      .when(completeExecution())
      .thenThrows('ExecutionNotFound'));
});

it('refuses a command it does not know', () =>
  given([taskRegistered()])
    .when({ type: 'Rerun', taskId: 'T-1', now: at(0) } as unknown as TaskCommand)
    .thenThrows('InvalidCommand'));

describe('task decider: definitions', () => {
  it('keeps the execution state when the definition changes', () => {
    const state = given([
      ...running,
      definitionChanged([{ field: 'title', from: 'Sample task', to: 'Renamed' }]),
    ]).state;
    expect(state).toMatchObject({ status: 'running', definition: { title: 'Renamed' } });
  });

  it('ignores a change of a field the definition does not have', () => {
    const state = given([taskRegistered(), definitionChanged([{ field: 'nonsense', from: null, to: 1 }])]).state;
    expect(state).toMatchObject({ status: 'pending' });
    expect(state.status !== 'unregistered' && 'nonsense' in state.definition).toBe(false);
  });

  it('ignores events of a stream whose task was never registered', () =>
    expect(foldTaskState([executionStarted(), executionCompleted()])).toEqual({ status: 'unregistered' }));

  it('ignores progress of an execution that is not the running one', () => {
    const state = given([...running, progressReported({ executionId: testUuid(5) })]).state;
    expect(state.status === 'running' && state.execution.progress).toBeNull();
  });
});
