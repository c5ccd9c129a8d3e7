import type { RawErrorFacts, TaskEvent } from '@taskledger/events';
import {
  abandonedFacts,
  interruptedFacts,
  manualFailureFacts,
  rawErrorFacts,
  spawnFailureFacts,
  storeFailureFacts,
} from './error-facts';
import { defaultRetryPolicies } from './retry-policy';
import type { TaskCommand } from './task.commands';
import { decide } from './task.decider';
import { foldTaskState, TaskEventInput } from './task.evolve';
import {
  abandonExpired,
  at,
  attemptFailed,
  executionAbandoned,
  executionFailed,
  executionStarted,
  failAttempt,
  given,
  interrupt,
  occurredAt,
  recoveryAttempted,
  renewLease,
  retryScheduled,
  startExecution,
  taskRegistered,
  TEST_EXECUTION_ID,
  testDecisionContext,
} from './testing';

const running = [taskRegistered(), executionStarted()];
const after = (seconds: number, ms: number): string => new Date(at(seconds).getTime() + ms).toISOString();
const failing = (facts: RawErrorFacts) => failAttempt({ facts, now: at(10) });
const processFailure = (stderrTail: string, exitCode = 1) =>
  rawErrorFacts({ type: 'process', message: `exit ${exitCode}`, exitCode, stderrTail });

/** History decided by the decider itself: `n` failed attempts, each retried, and attempt n + 1 running. */
const afterFailures = (
  n: number,
  facts: RawErrorFacts = failAttempt().facts,
  context = testDecisionContext(),
): TaskEventInput[] => {
  const commands: TaskCommand[] = [startExecution()];
  for (let attempt = 1; attempt <= n; attempt += 1) {
    commands.push(
      failAttempt({ facts, now: at(attempt * 20 - 10) }),
      startExecution({ now: at(attempt * 20), force: true }),
    );
  }
  return commands.reduce<TaskEventInput[]>(
    (history, command) => {
      const events = decide(command, foldTaskState(history), context).map((event) => occurredAt(event, command.now));
      return [...history, ...events];
    },
    [taskRegistered()],
  );
};

describe('failing an attempt', () => {
  it('classifies the raw facts and schedules a retry under the category’s policy', () =>
    given(running)
      .when(failAttempt({ now: at(10) }))
      .thenEvents(
        [
          attemptFailed({ durationMs: 10_000 }),
          retryScheduled({
            delayMs: 1_500,
            notBefore: after(10, 1_500),
            policy: defaultRetryPolicies.execution,
            reason: 'medium execution failure (rule nonzero-exit): retry 1 of 3',
          }),
        ],
        'retrying',
      ));

  it('fails the execution when the retries are exhausted', () =>
    given(afterFailures(3))
      .when(failAttempt({ now: at(70) }))
      .thenEvents(
        [
          attemptFailed({ attempt: 4, durationMs: 10_000 }),
          executionFailed({
            attempt: 4,
            message: 'medium execution failure (rule nonzero-exit), retries exhausted: exit 1',
          }),
        ],
        'failed',
      ));

  it('does not retry a critical failure and records the scratch dir as not cleared when the runner did not', () => {
    const facts = spawnFailureFacts({ code: 'ENOENT', message: 'spawn make ENOENT' });
    given(running)
      .when(failing(facts))
      .thenEvents([
        attemptFailed({ durationMs: 10_000, error: facts }),
        recoveryAttempted({
          category: 'file_system',
          action: 'clear-scratch-dir',
          outcome: 'not-applicable',
          details: { reason: 'not performed by the runner' },
        }),
        executionFailed({
          reason: 'not-retryable',
          category: 'file_system',
          message: 'critical file_system failure (rule spawn-not-found), not retryable: spawn make ENOENT',
        }),
      ]);
  });

  it('records the runner’s scratch-dir clean-up as it went', () =>
    given(running)
      .when(
        failAttempt({
          facts: processFailure('ENOENT: no such file or directory'),
          recovery: { 'clear-scratch-dir': { outcome: 'failed', details: { path: '/tmp/t' } } },
        }),
      )
      .thenEventTypes(['TaskAttemptFailed', 'RecoveryActionAttempted', 'TaskRetryScheduled']));

  it('records a reopened store and retries a busy store with jitter', () => {
    const outcome = given(running).when(
      failAttempt({
        facts: storeFailureFacts({ code: 'SQLITE_BUSY', message: 'database is locked' }),
        recovery: { 'reopen-store': { outcome: 'succeeded' } },
      }),
    );
    expect(outcome.events[1]).toEqual(
      recoveryAttempted({ category: 'database', action: 'reopen-store', outcome: 'succeeded', details: {} }),
    );
    expect(outcome.events[2]).toMatchObject({ type: 'TaskRetryScheduled', data: { delayMs: 3_750 } });
  });

  it('backs off a network failure with jitter and records the backoff', () => {
    const outcome = given(running).when(failing(processFailure('connect ECONNREFUSED 10.0.0.1:443')));
    expect(outcome.events.slice(1)).toEqual([
      recoveryAttempted({ category: 'network', action: 'backoff', outcome: 'succeeded', details: { delayMs: 1_500 } }),
      expect.objectContaining({
        type: 'TaskRetryScheduled',
        data: expect.objectContaining({ delayMs: 1_500, notBefore: after(10, 1_500) }),
      }),
    ]);
  });

  it('retries a validation failure once, at once', () => {
    const facts = processFailure('error: invalid option --frobnicate', 2);
    given(running).when(failing(facts)).thenEventTypes(['TaskAttemptFailed', 'TaskRetryScheduled']);
    expect(given(running).when(failing(facts)).events[1]).toMatchObject({
      data: { delayMs: 0, notBefore: at(10).toISOString() },
    });
    given(afterFailures(1, facts)).when(failing(facts)).thenStatus('failed');
  });

  it('does not retry a category whose policy allows no retries', () => {
    const context = testDecisionContext({ retryPolicies: { validation: { maxRetries: 0 } } });
    const outcome = given(running, context).when(failing(processFailure('invalid input', 2)));
    expect(outcome.events[1]).toMatchObject({
      type: 'TaskExecutionFailed',
      data: { reason: 'not-retryable', category: 'validation' },
    });
  });

  describe('a permission failure', () => {
    const facts = processFailure('open /etc/shadow: permission denied');

    it('by default is not retried: it fails at once as needing a person', () => {
      const outcome = given(running).when(failing(facts));
      expect(outcome.events.slice(1)).toEqual([
        recoveryAttempted({
          category: 'permission',
          action: 'needs-person',
          outcome: 'not-applicable',
          details: { reason: 'no automatic fix for permission errors: a person must grant access' },
        }),
        expect.objectContaining({
          type: 'TaskExecutionFailed',
          data: expect.objectContaining({ reason: 'needs-person', category: 'permission' }),
        }),
      ]);
    });

    it('is retried when its policy is configured to, saying so in the recovery', () => {
      const context = testDecisionContext({ retryPolicies: { permission: { maxRetries: 2 } } });
      const outcome = given(running, context).when(failing(facts));
      expect(outcome.events.slice(1)).toEqual([
        recoveryAttempted({
          category: 'permission',
          action: 'needs-person',
          outcome: 'not-applicable',
          details: {
            reason: 'retried as retryPolicies.permission allows; a person must grant access if it keeps failing',
          },
        }),
        expect.objectContaining({ type: 'TaskRetryScheduled', data: expect.objectContaining({ delayMs: 1_000 }) }),
      ]);
    });

    it('fails as needing a person when its configured retries are used up', () => {
      const context = testDecisionContext({ retryPolicies: { permission: { maxRetries: 2 } } });
      const outcome = given(afterFailures(2, facts, context), context).when(failing(facts));
      expect(outcome.events.at(-1)).toMatchObject({
        type: 'TaskExecutionFailed',
        data: { reason: 'needs-person', category: 'permission' },
      });
    });
  });

  describe('a timeout', () => {
    const facts = rawErrorFacts({
      type: 'process',
      message: 'timed out after 30000 ms',
      timedOut: true,
      signal: 'SIGTERM',
    });

    it('doubles the next attempt’s timeout and the next start uses it', () => {
      const outcome = given(running).when(failing(facts));
      expect(outcome.events[1]).toEqual(
        recoveryAttempted({
          category: 'timeout',
          action: 'extend-timeout',
          outcome: 'succeeded',
          details: { fromMs: 30_000, toMs: 60_000, capMs: 600_000 },
        }),
      );
      const restarted = given([...running, ...outcome.events]).when(startExecution({ now: at(20), timeoutMs: 30_000 }));
      expect(restarted.events).toEqual([
        executionStarted({ attempt: 2, timeoutMs: 60_000, leaseExpiresAt: at(80).toISOString() }),
      ]);
    });

    it('caps the extended timeout', () => {
      const outcome = given(running, testDecisionContext({ maxTimeoutMs: 40_000 })).when(failing(facts));
      expect(outcome.events[1]).toMatchObject({ data: { outcome: 'succeeded', details: { toMs: 40_000 } } });
    });

    it('records the extension as not applicable when no attempt follows', () => {
      const outcome = given(afterFailures(2, facts)).when(failing(facts));
      expect(outcome.events[1]).toMatchObject({ data: { action: 'extend-timeout', outcome: 'not-applicable' } });
      expect(outcome.events[2]).toMatchObject({ type: 'TaskExecutionFailed', data: { reason: 'retries-exhausted' } });
    });
  });

  it('accepts a failure reported by an outside runner without ids', () => {
    const manual = given(running).when(
      failAttempt({ facts: manualFailureFacts({ error: 'tests failed', exitCode: 1 }) }),
    );
    expect(manual.events[0]).toMatchObject({
      data: { classification: { ruleId: 'nonzero-exit', category: 'execution' } },
    });
  });

  it('decides nothing when the same attempt’s failure is reported again', () =>
    given([...running, attemptFailed(), retryScheduled()])
      .when(failAttempt({ executionId: TEST_EXECUTION_ID, attempt: 1 }))
      .thenNothing());

  it('refuses a failure when nothing runs', () =>
    given([taskRegistered()]).when(failAttempt()).thenThrows('ExecutionNotFound'));
  it('refuses a failure of another attempt', () =>
    given(running)
      .when(failAttempt({ attempt: 3 }))
      .thenThrows('AttemptMismatch'));
  it('refuses a failure of an unregistered task', () => given([]).when(failAttempt()).thenThrows('TaskNotRegistered'));
  it('refuses facts that are not valid', () =>
    given(running)
      .when(failAttempt({ facts: { ...failAttempt().facts, exitCode: 1.5 } }))
      .thenThrows('InvalidCommand'));
});

describe('abandoning an expired lease', () => {
  const expectedEvents = (): TaskEvent[] => {
    const facts = abandonedFacts({
      leaseExpiredAt: at(60).toISOString(),
      detectedBy: 'runner:other',
      runnerHost: 'test-host',
    });
    return [
      executionAbandoned(),
      attemptFailed({ durationMs: 60_000, error: facts }),
      retryScheduled({
        delayMs: 1_500,
        notBefore: after(61, 1_500),
        reason: 'medium execution failure (rule abandoned): retry 1 of 3',
      }),
    ];
  };

  it('abandons the attempt and treats it as a failed attempt of category execution', () =>
    given(running)
      .when(abandonExpired({ now: at(61) }))
      .thenEvents(expectedEvents(), 'retrying'));

  it('classifies the abandoned attempt with rule abandoned', () => {
    const outcome = given(running).when(abandonExpired({ now: at(60) }));
    expect(outcome.events[1]).toMatchObject({
      data: { error: { type: 'abandoned' }, classification: { category: 'execution', ruleId: 'abandoned' } },
    });
  });

  it('fails the execution when its retries are used up', () =>
    given(afterFailures(3))
      .when(abandonExpired({ now: at(200) }))
      .thenEventTypes(['TaskExecutionAbandoned', 'TaskAttemptFailed', 'TaskExecutionFailed']));

  it('refuses while the lease is valid', () =>
    given(running)
      .when(abandonExpired({ now: at(59) }))
      .thenThrows('LeaseNotExpired'));

  it('refuses once the lease was renewed', () => {
    const renewed = given(running).when(renewLease({ now: at(30), leaseMs: 60_000 })).events;
    given([...running, ...renewed])
      .when(abandonExpired({ now: at(61) }))
      .thenThrows('LeaseNotExpired');
  });

  it('refuses when nothing runs', () =>
    given([taskRegistered()]).when(abandonExpired()).thenThrows('ExecutionNotFound'));
  it('refuses when another execution than the expired one runs now', () =>
    given(running)
      .when(abandonExpired({ executionId: '00000000-0000-4000-8000-000000000777' }))
      .thenThrows('ExecutionNotFound'));
  it('refuses for an unregistered task', () => given([]).when(abandonExpired()).thenThrows('TaskNotRegistered'));
});

describe('interrupting a run', () => {
  it('records the attempt as interrupted and retries it at once', () =>
    given(running)
      .when(interrupt({ now: at(10), signal: 'SIGINT' }))
      .thenEvents(
        [
          attemptFailed({ durationMs: 10_000, error: interruptedFacts('SIGINT') }),
          retryScheduled({ delayMs: 0, notBefore: at(10).toISOString(), reason: 'interrupted' }),
        ],
        'retrying',
      ));

  it('does not use up the retry budget', () => {
    const history = afterFailures(3);
    const interrupted = given(history).when(interrupt({ now: at(70) }));
    expect(interrupted.state).toMatchObject({ status: 'retrying', execution: { retriesUsed: 3, nextAttempt: 5 } });
    const restarted = given([...history, ...interrupted.events]).when(startExecution({ now: at(70) }));
    expect(restarted.state).toMatchObject({ status: 'running', execution: { attempt: 5, retriesUsed: 3 } });
  });

  it('keeps an exhausted budget exhausted: the failure after an interruption fails the execution', () => {
    const history = afterFailures(3);
    const interrupted = given(history).when(interrupt({ now: at(70) })).events;
    const restarted = given([...history, ...interrupted]).when(startExecution({ now: at(70) })).events;
    given([...history, ...interrupted, ...restarted])
      .when(failAttempt({ now: at(80) }))
      .thenStatus('failed');
  });

  it('decides nothing when the attempt already ended', () =>
    given([...running, attemptFailed(), executionFailed()])
      .when(interrupt({ executionId: TEST_EXECUTION_ID, attempt: 1 }))
      .thenNothing());

  it('refuses when nothing runs', () => given([taskRegistered()]).when(interrupt()).thenThrows('ExecutionNotFound'));
  it('refuses another attempt than the running one', () =>
    given(running)
      .when(interrupt({ attempt: 2 }))
      .thenThrows('AttemptMismatch'));
  it('refuses for an unregistered task', () => given([]).when(interrupt()).thenThrows('TaskNotRegistered'));
});
