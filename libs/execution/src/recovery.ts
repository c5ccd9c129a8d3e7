import type { ErrorCategory } from '@taskledger/events';
import type { JsonObject } from './json';

export type RecoveryAction = 'extend-timeout' | 'clear-scratch-dir' | 'backoff' | 'reopen-store' | 'needs-person';
export type RecoveryOutcome = 'succeeded' | 'failed' | 'not-applicable';

/** The actions with I/O: the runner performs them *before* deciding FailAttempt and reports how they went. */
export type RunnerRecoveryAction = 'clear-scratch-dir' | 'reopen-store';

/** What the runner did, per action; an action it did not perform is recorded as not-applicable. */
export type RunnerRecoveryOutcomes = Partial<
  Record<RunnerRecoveryAction, { outcome: 'succeeded' | 'failed'; details?: JsonObject }>
>;

/** Default upper bound of an extended timeout: 600 s. */
export const DEFAULT_MAX_TIMEOUT_MS = 600_000;

export interface RecoveryDecision {
  action: RecoveryAction;
  outcome: RecoveryOutcome;
  details: JsonObject;
  /** Set by a succeeded extend-timeout: the next attempt's timeout. */
  nextTimeoutMs?: number;
}

export interface RecoveryContext {
  /** The failed attempt's timeout; null when it had none. */
  timeoutMs: number | null;
  /** Cap of an extended timeout. Default DEFAULT_MAX_TIMEOUT_MS. */
  maxTimeoutMs?: number;
  /** The delay of the retry that follows; null when no attempt follows. */
  retryDelayMs: number | null;
  /** Outcomes of the I/O actions the runner performed before deciding. Default: none performed. */
  performed?: RunnerRecoveryOutcomes;
}

const runnerActions: Partial<Record<ErrorCategory, RunnerRecoveryAction>> = {
  file_system: 'clear-scratch-dir',
  database: 'reopen-store',
};

/** The I/O the runner should perform for a failure of this category before it decides FailAttempt. */
export const runnerRecoveryActions = (category: ErrorCategory): RunnerRecoveryAction[] => {
  const action = runnerActions[category];
  return action ? [action] : [];
};

const extendTimeout = ({
  timeoutMs,
  maxTimeoutMs = DEFAULT_MAX_TIMEOUT_MS,
  retryDelayMs,
}: RecoveryContext): RecoveryDecision => {
  const action = 'extend-timeout';
  if (retryDelayMs === null) return { action, outcome: 'not-applicable', details: { reason: 'no further attempt' } };
  if (timeoutMs === null)
    return { action, outcome: 'not-applicable', details: { reason: 'the attempt had no timeout' } };
  const toMs = Math.max(timeoutMs, Math.min(timeoutMs * 2, maxTimeoutMs));
  if (toMs === timeoutMs) {
    return {
      action,
      outcome: 'not-applicable',
      details: { reason: 'timeout already at its cap', fromMs: timeoutMs, capMs: maxTimeoutMs },
    };
  }
  return {
    action,
    outcome: 'succeeded',
    details: { fromMs: timeoutMs, toMs, capMs: maxTimeoutMs },
    nextTimeoutMs: toMs,
  };
};

const performedByRunner = (action: RunnerRecoveryAction, { performed = {} }: RecoveryContext): RecoveryDecision => {
  const report = performed[action];
  return report
    ? { action, outcome: report.outcome, details: report.details ?? {} }
    : { action, outcome: 'not-applicable', details: { reason: 'not performed by the runner' } };
};

const backoff = ({ retryDelayMs }: RecoveryContext): RecoveryDecision =>
  retryDelayMs === null
    ? { action: 'backoff', outcome: 'not-applicable', details: { reason: 'no further attempt' } }
    : { action: 'backoff', outcome: 'succeeded', details: { delayMs: retryDelayMs } };

const needsPerson = ({ retryDelayMs }: RecoveryContext): RecoveryDecision => ({
  action: 'needs-person',
  outcome: 'not-applicable',
  details: {
    reason:
      retryDelayMs === null
        ? 'no automatic fix for permission errors: a person must grant access'
        : 'retried as retryPolicies.permission allows; a person must grant access if it keeps failing',
  },
});

/**
 * The recovery recorded for a failed attempt of this category (pure). timeout → extend the next
 * attempt's timeout ×2 up to the cap; file_system / database → the runner's clear-scratch-dir /
 * reopen-store outcome; network → backoff with the retry's delay; permission → needs a person.
 */
export const recoveryFor = (category: ErrorCategory, context: RecoveryContext): RecoveryDecision[] => {
  switch (category) {
    case 'timeout':
      return [extendTimeout(context)];
    case 'file_system':
      return [performedByRunner('clear-scratch-dir', context)];
    case 'database':
      return [performedByRunner('reopen-store', context)];
    case 'network':
      return [backoff(context)];
    case 'permission':
      return [needsPerson(context)];
    default:
      return [];
  }
};
