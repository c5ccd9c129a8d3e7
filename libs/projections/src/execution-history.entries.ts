import { EventOfType, LedgerEventType, RawErrorFacts } from '@taskledger/events';
import { utcTimestamp } from './event-time';
import { HistoryEntry } from './execution-history.doc';
import { round, truncate } from './numbers';

type Data<T extends LedgerEventType> = EventOfType<T>['data'];

/** Longest `message` kept in a history document. */
export const HISTORY_MESSAGE_MAX_LENGTH = 200;

const entry = (
  status: HistoryEntry['status'],
  execution: { executionId: string; attempt: number } | null,
  message: string,
  metadata: HistoryEntry['metadata'],
): HistoryEntry => ({
  status,
  executionId: execution?.executionId ?? null,
  attempt: execution?.attempt ?? null,
  message: truncate(message, HISTORY_MESSAGE_MAX_LENGTH),
  metadata,
});

/** The most telling fact of a failure: exit code, signal, timeout, or the message itself. */
const describeError = (error: RawErrorFacts): string => {
  if (error.exitCode !== null) return `exit code ${error.exitCode}`;
  if (error.signal !== null) return `signal ${error.signal}`;
  if (error.timedOut) return 'timed out';
  return error.message.trim() === '' ? error.type : error.message.trim();
};

export const registeredEntry = (data: Data<'TaskRegistered'>): HistoryEntry =>
  entry('registered', null, `registered: ${data.definition.title}`, {
    backlogId: data.backlogId,
    title: data.definition.title,
    priority: data.definition.priority,
  });

export const startedEntry = (data: Data<'TaskExecutionStarted'>): HistoryEntry =>
  entry('running', data, `attempt ${data.attempt} started (${data.runner.kind} on ${data.runner.host})`, {
    executionId: data.executionId,
    attempt: data.attempt,
    runner: data.runner.kind,
    host: data.runner.host,
    timeoutMs: data.timeoutMs,
    leaseExpiresAt: utcTimestamp(data.leaseExpiresAt),
  });

export const progressEntry = (data: Data<'TaskProgressReported'>): HistoryEntry => {
  const percent = round(data.progress * 100, 1);
  const message = data.message === null ? `progress ${percent}%` : `progress ${percent}%: ${data.message}`;
  return entry('progress', data, message, {
    executionId: data.executionId,
    attempt: data.attempt,
    progress: data.progress,
  });
};

export const attemptFailedEntry = (data: Data<'TaskAttemptFailed'>): HistoryEntry =>
  entry(
    'attempt_failed',
    data,
    `attempt ${data.attempt} failed: ${describeError(data.error)} (${data.classification.category})`,
    {
      executionId: data.executionId,
      attempt: data.attempt,
      durationMs: data.durationMs,
      errorType: data.error.type,
      exitCode: data.error.exitCode,
      signal: data.error.signal,
      timedOut: data.error.timedOut,
      category: data.classification.category,
      severity: data.classification.severity,
      ruleId: data.classification.ruleId,
    },
  );

export const retryEntry = (data: Data<'TaskRetryScheduled'>): HistoryEntry =>
  entry(
    'retrying',
    { executionId: data.executionId, attempt: data.failedAttempt },
    `attempt ${data.nextAttempt} scheduled in ${data.delayMs} ms (${data.reason})`,
    {
      executionId: data.executionId,
      failedAttempt: data.failedAttempt,
      nextAttempt: data.nextAttempt,
      delayMs: data.delayMs,
      notBefore: utcTimestamp(data.notBefore),
      reason: data.reason,
      category: data.policy.category,
    },
  );

export const completedEntry = (data: Data<'TaskExecutionCompleted'>): HistoryEntry =>
  entry('completed', data, `completed on attempt ${data.attempt} in ${data.durationMs} ms`, {
    executionId: data.executionId,
    attempt: data.attempt,
    durationMs: data.durationMs,
    exitCode: data.exitCode,
  });

export const failedEntry = (data: Data<'TaskExecutionFailed'>): HistoryEntry =>
  entry('failed', data, `failed after attempt ${data.attempt}, ${data.reason} (${data.category}): ${data.message}`, {
    executionId: data.executionId,
    attempt: data.attempt,
    reason: data.reason,
    category: data.category,
  });

export const skippedEntry = (data: Data<'TaskSkipped'>): HistoryEntry => {
  const missing = data.missing.length === 0 ? '' : ` (${data.missing.join(', ')})`;
  return entry('skipped', null, `skipped: ${data.reason}${missing}`, {
    reason: data.reason,
    missing: [...data.missing],
  });
};

export const abandonedEntry = (data: Data<'TaskExecutionAbandoned'>): HistoryEntry =>
  entry('abandoned', data, `attempt ${data.attempt} abandoned: lease expired (detected by ${data.detectedBy})`, {
    executionId: data.executionId,
    attempt: data.attempt,
    leaseExpiredAt: utcTimestamp(data.leaseExpiredAt),
    detectedBy: data.detectedBy,
  });

export const resetEntry = (data: Data<'ExecutionStateReset'>): HistoryEntry =>
  entry('reset', null, `reset from ${data.previousStatus}: ${data.reason}`, {
    previousStatus: data.previousStatus,
    reason: data.reason,
  });

export const recoveryEntry = (data: Data<'RecoveryActionAttempted'>): HistoryEntry =>
  entry('recovery', data, `recovery ${data.action} for ${data.category}: ${data.outcome}`, {
    executionId: data.executionId,
    attempt: data.attempt,
    category: data.category,
    action: data.action,
    outcome: data.outcome,
  });
