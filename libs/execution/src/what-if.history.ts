import type { ErrorCategory, ErrorSeverity, EventEnvelope } from '@taskledger/events';

/** How one recorded attempt ended: completed, still running (no end recorded), or a failure as classified now. */
export type AttemptResult =
  | { kind: 'completed' }
  | { kind: 'running' }
  | { kind: 'failed'; category: ErrorCategory; severity: ErrorSeverity; errorType: string };

export interface RecordedAttempt {
  attempt: number;
  result: AttemptResult;
  /** The recorded retry after this attempt's failure: its delay; null when none was scheduled. */
  retryDelayMs: number | null;
}

/** One recorded execution: its attempts in order and how it ended. */
export interface RecordedExecution {
  taskId: string;
  executionId: string;
  attempts: RecordedAttempt[];
  /** `unfinished`: no TaskExecutionCompleted or TaskExecutionFailed recorded (still running, or reset). */
  outcome: 'completed' | 'failed' | 'unfinished';
}

interface Fold {
  executions: Map<string, RecordedExecution>;
  failures: Map<string, { execution: RecordedExecution; attempt: number }>;
}

const executionOf = (fold: Fold, taskId: string, executionId: string): RecordedExecution => {
  let execution = fold.executions.get(executionId);
  if (!execution) {
    execution = { taskId, executionId, attempts: [], outcome: 'unfinished' };
    fold.executions.set(executionId, execution);
  }
  return execution;
};

const attemptOf = (execution: RecordedExecution, attempt: number): RecordedAttempt => {
  let found = execution.attempts.find((candidate) => candidate.attempt === attempt);
  if (!found) {
    found = { attempt, result: { kind: 'running' }, retryDelayMs: null };
    execution.attempts.push(found);
    execution.attempts.sort((a, b) => a.attempt - b.attempt);
  }
  return found;
};

const apply = (fold: Fold, event: EventEnvelope): void => {
  switch (event.type) {
    case 'TaskExecutionStarted':
      attemptOf(executionOf(fold, event.data.taskId, event.data.executionId), event.data.attempt);
      return;
    case 'TaskAttemptFailed': {
      const { taskId, executionId, attempt, error, classification } = event.data;
      const execution = executionOf(fold, taskId, executionId);
      const { category, severity } = classification;
      attemptOf(execution, attempt).result = { kind: 'failed', category, severity, errorType: error.type };
      fold.failures.set(event.id, { execution, attempt });
      return;
    }
    case 'ErrorReclassified': {
      const failure = fold.failures.get(event.data.failureEventId);
      const recorded = failure && attemptOf(failure.execution, failure.attempt);
      if (recorded?.result.kind === 'failed') {
        recorded.result = { ...recorded.result, category: event.data.to.category, severity: event.data.to.severity };
      }
      return;
    }
    case 'TaskRetryScheduled': {
      const { taskId, executionId, failedAttempt, delayMs } = event.data;
      attemptOf(executionOf(fold, taskId, executionId), failedAttempt).retryDelayMs = delayMs;
      return;
    }
    case 'TaskExecutionCompleted': {
      const execution = executionOf(fold, event.data.taskId, event.data.executionId);
      attemptOf(execution, event.data.attempt).result = { kind: 'completed' };
      execution.outcome = 'completed';
      return;
    }
    case 'TaskExecutionFailed':
      executionOf(fold, event.data.taskId, event.data.executionId).outcome = 'failed';
      return;
    default:
      return;
  }
};

/**
 * The recorded executions, in the order they first appear in the log, each failure with the
 * classification in force now (re-classifications applied). Pure: reads nothing but `events`.
 */
export const recordedExecutions = (events: Iterable<EventEnvelope>): RecordedExecution[] => {
  const fold: Fold = { executions: new Map(), failures: new Map() };
  for (const event of events) apply(fold, event);
  return [...fold.executions.values()];
};
