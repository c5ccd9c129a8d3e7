import { ErrorCategory } from '@taskledger/events';
import { nextRetry, RetryPolicies } from './retry-policy';
import type { RecordedAttempt, RecordedExecution } from './what-if.history';

/**
 * How an execution ends: `unknown` when the policies would retry after the last recorded attempt
 * (the log cannot say how that attempt would have gone); `unfinished` when the log records no end.
 */
export type ReplayOutcome = 'completed' | 'failed' | 'unknown' | 'unfinished';

/** One execution under the other policies. */
export interface ExecutionReplay {
  outcome: ReplayOutcome;
  /** Recorded attempts the replay uses (it stops at the first failure the policies would not retry). */
  attempts: number;
  /** Retries with their un-jittered delays, each under the category of the failure retried. */
  retries: { afterAttempt: number; category: ErrorCategory; delayMs: number }[];
  /** The category of the last failure the replay saw; null when no attempt failed. */
  lastCategory: ErrorCategory | null;
}

/** Takes the policy's delays as they are: a jittered policy waits between half of that and that. */
const NO_JITTER = () => 1;

const lastRecorded = (attempts: readonly RecordedAttempt[], index: number): boolean => index === attempts.length - 1;

/**
 * Replays one recorded execution under `policies` as the decider would decide: a critical failure
 * is never retried, an interrupted attempt is retried at once outside the budget, any other failure
 * while the category's policy has retries left. Pure.
 */
export const replayExecution = (execution: RecordedExecution, policies: RetryPolicies): ExecutionReplay => {
  const retries: ExecutionReplay['retries'] = [];
  let retriesUsed = 0;
  let lastCategory: ErrorCategory | null = null;
  const { attempts } = execution;
  for (const [index, recorded] of attempts.entries()) {
    const ended = (outcome: ReplayOutcome): ExecutionReplay => ({
      outcome,
      attempts: index + 1,
      retries,
      lastCategory,
    });
    const { result } = recorded;
    if (result.kind === 'completed') return ended('completed');
    if (result.kind === 'running') return ended('unfinished');
    lastCategory = result.category;
    const interrupted = result.errorType === 'interrupted';
    const retry = interrupted
      ? { delayMs: 0 }
      : result.severity === 'critical'
        ? null
        : nextRetry(policies[result.category], retriesUsed, NO_JITTER);
    if (retry === null) return ended('failed');
    if (!interrupted) retriesUsed += 1;
    retries.push({ afterAttempt: recorded.attempt, category: result.category, delayMs: retry.delayMs });
    if (lastRecorded(attempts, index)) return ended(execution.outcome === 'unfinished' ? 'unfinished' : 'unknown');
  }
  return { outcome: 'unfinished', attempts: attempts.length, retries, lastCategory };
};

/** What the log recorded for one execution, in the replay's terms. */
export const recordedReplay = (execution: RecordedExecution): ExecutionReplay => {
  const retries: ExecutionReplay['retries'] = [];
  let lastCategory: ErrorCategory | null = null;
  for (const { attempt, result, retryDelayMs } of execution.attempts) {
    if (result.kind !== 'failed') continue;
    lastCategory = result.category;
    if (retryDelayMs !== null)
      retries.push({ afterAttempt: attempt, category: result.category, delayMs: retryDelayMs });
  }
  return { outcome: execution.outcome, attempts: execution.attempts.length, retries, lastCategory };
};
