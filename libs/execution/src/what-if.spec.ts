import { ErrorCategory, ErrorSeverity } from '@taskledger/events';
import { resolvePolicies } from './retry-policy';
import { AttemptResult, RecordedExecution } from './what-if.history';
import { replayExecution } from './what-if';
import { whatIf } from './what-if.report';

const failedWith = (
  category: ErrorCategory,
  severity: ErrorSeverity = 'medium',
  errorType = 'process',
): AttemptResult => ({
  kind: 'failed',
  category,
  severity,
  errorType,
});
const completed: AttemptResult = { kind: 'completed' };

const execution = (
  taskId: string,
  results: AttemptResult[],
  outcome: RecordedExecution['outcome'],
  delays: number[] = [],
): RecordedExecution => ({
  taskId,
  executionId: `exec-${taskId}`,
  attempts: results.map((result, index) => ({ attempt: index + 1, result, retryDelayMs: delays[index] ?? null })),
  outcome,
});

const flakyDownload = execution(
  'EX-2',
  [failedWith('network'), failedWith('network'), completed],
  'completed',
  [100, 200],
);
const deploy = execution('EX-4', [failedWith('permission', 'high')], 'failed');

describe('what-if: a retry policy replayed over recorded executions', () => {
  it('fails an execution that needed 3 attempts under a policy allowing 1 retry, stopping after attempt 2', () => {
    const report = whatIf([flakyDownload], resolvePolicies({ network: { maxRetries: 1 } }));
    expect(report.changes).toEqual([
      {
        taskId: 'EX-2',
        executionId: 'exec-EX-2',
        change: 'stopped-earlier',
        recorded: { outcome: 'completed', attempts: 3 },
        replayed: { outcome: 'failed', attempts: 2, retries: 1, waitMs: 2000 },
      },
    ]);
    expect(report.tasksWithChangedOutcome).toEqual(['EX-2']);
    expect(report.total.replayed).toMatchObject({ executions: 1, succeeded: 0, failed: 1, retries: 1 });
    expect(report.total.recorded).toMatchObject({ executions: 1, succeeded: 1, failed: 0, retries: 2, waitMs: 300 });
  });

  it('says an outcome is unknown when the policy retries after the last recorded attempt, and counts it', () => {
    const report = whatIf([deploy], resolvePolicies({ permission: { maxRetries: 2, baseDelayMs: 500 } }));
    expect(report.changes).toEqual([
      expect.objectContaining({
        taskId: 'EX-4',
        change: 'needs-more-attempts',
        replayed: { outcome: 'unknown', attempts: 1, retries: 1, waitMs: 500 },
      }),
    ]);
    expect(report.total.replayed).toMatchObject({ unknown: 1, failed: 0 });
    expect(report.tasksWithChangedOutcome).toEqual([]);
  });

  it('waits the un-jittered backoff delays, capped by maxDelayMs', () => {
    const policies = resolvePolicies({
      network: { maxRetries: 5, baseDelayMs: 400, multiplier: 2, maxDelayMs: 1000, jitter: true },
    });
    const replay = replayExecution(
      execution('B-1', [failedWith('network'), failedWith('network'), failedWith('network'), completed], 'completed'),
      policies,
    );
    expect(replay.retries.map((retry) => retry.delayMs)).toEqual([400, 800, 1000]);
    expect(replay.outcome).toBe('completed');
  });

  it('never retries a critical failure, and retries an interrupted attempt at once outside the budget', () => {
    const none = resolvePolicies({ execution: { maxRetries: 0 } });
    expect(
      replayExecution(execution('B-1', [failedWith('network', 'critical'), completed], 'completed'), resolvePolicies()),
    ).toMatchObject({ outcome: 'failed', attempts: 1 });
    const interrupted = execution('B-2', [failedWith('execution', 'low', 'interrupted'), completed], 'completed');
    expect(replayExecution(interrupted, none)).toMatchObject({
      outcome: 'completed',
      retries: [{ afterAttempt: 1, category: 'execution', delayMs: 0 }],
    });
  });

  it('reports per category: retries and waiting under the failure retried, outcomes under the last failure', () => {
    const report = whatIf([flakyDownload, deploy], resolvePolicies({ network: { maxRetries: 1, baseDelayMs: 50 } }));
    expect(report.byCategory.map((row) => row.category)).toEqual(['network', 'permission']);
    expect(report.byCategory[0]).toEqual({
      category: 'network',
      recorded: { executions: 1, succeeded: 1, failed: 0, unknown: 0, unfinished: 0, retries: 2, waitMs: 300 },
      replayed: { executions: 1, succeeded: 0, failed: 1, unknown: 0, unfinished: 0, retries: 1, waitMs: 50 },
    });
  });

  it('leaves an execution with no recorded end unfinished', () => {
    const running = execution('B-3', [failedWith('timeout'), { kind: 'running' }], 'unfinished', [10]);
    expect(replayExecution(running, resolvePolicies())).toMatchObject({ outcome: 'unfinished', attempts: 2 });
    expect(whatIf([running], resolvePolicies()).changes).toEqual([]);
  });
});
