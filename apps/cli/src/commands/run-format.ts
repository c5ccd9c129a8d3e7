import type { TaskEnvelope } from '@taskledger/runner';

/** `850 ms`, `4.2 s`, `3 min 05 s`. */
export const formatDuration = (ms: number): string => {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${String(Math.round((ms % 60_000) / 1_000)).padStart(2, '0')} s`;
};

export const percent = (value: number): string => `${Math.round(value * 100)}%`;

const clock = (iso: string): string => new Date(iso).toTimeString().slice(0, 8);

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The words for one event, or null for events not worth a line (lease renewals). */
const describe = (event: TaskEnvelope): string | null => {
  switch (event.type) {
    case 'TaskExecutionStarted': {
      const { attempt, runner, timeoutMs } = event.data;
      const limit = timeoutMs === null ? '' : `, timeout ${formatDuration(timeoutMs)}`;
      return `started    attempt ${attempt}${limit}: ${runner.command ?? '(outside runner)'}`;
    }
    case 'TaskProgressReported':
      return `progress   ${percent(event.data.progress)}${event.data.message ? ` ${event.data.message}` : ''}`;
    case 'TaskAttemptFailed': {
      const { attempt, durationMs, error, classification } = event.data;
      return `attempt ${attempt} failed after ${formatDuration(durationMs)}: ${error.message} (${classification.category}, rule ${classification.ruleId})`;
    }
    case 'RecoveryActionAttempted':
      return `recovery   ${event.data.action} ${event.data.outcome}${recoveryDetail(event.data.details)}`;
    case 'TaskRetryScheduled':
      return event.data.reason === 'interrupted'
        ? `interrupted: attempt ${event.data.nextAttempt} will run in a later run`
        : `retry      attempt ${event.data.nextAttempt} in ${formatDuration(event.data.delayMs)}${retryCount(event.data.reason)}`;
    case 'TaskExecutionCompleted':
      return `completed  in ${formatDuration(event.data.durationMs)} (${plural(event.data.attempt, 'attempt')})`;
    case 'TaskExecutionFailed':
      return `FAILED     ${event.data.message}`;
    case 'TaskSkipped':
      return `skipped    ${event.data.message}`;
    case 'TaskExecutionAbandoned':
      return `abandoned  attempt ${event.data.attempt}: its runner stopped renewing the lease (expired ${clock(event.data.leaseExpiredAt)})`;
    default:
      return null;
  }
};

/** `(retry 1 of 3)` from the decider's reason text. */
const retryCount = (reason: string): string => {
  const match = /retry \d+ of \d+/.exec(reason);
  return match ? ` (${match[0]})` : '';
};

const recoveryDetail = (details: Record<string, unknown>): string => {
  if (typeof details['fromMs'] === 'number' && typeof details['toMs'] === 'number') {
    return ` (timeout ${formatDuration(details['fromMs'])} -> ${formatDuration(details['toMs'])})`;
  }
  if (typeof details['path'] === 'string') return ` (${details['path']})`;
  return typeof details['reason'] === 'string' ? ` (${details['reason']})` : '';
};

/**
 * `12:00:01 EX-2  attempt 1 failed after 0.1 s: ...`: one log line per event worth telling.
 * Progress lines only when `withProgress` (a live display shows progress in place instead).
 */
export const eventLine = (taskId: string, event: TaskEnvelope, idWidth: number, withProgress = true): string | null => {
  if (event.type === 'TaskProgressReported' && !withProgress) return null;
  const text = describe(event);
  return text === null ? null : `${clock(event.metadata.occurredAt)} ${taskId.padEnd(idWidth)}  ${text}`;
};
