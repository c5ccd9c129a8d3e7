import { EventOfType, LedgerEventType } from '@taskledger/events';
import { utcTimestamp } from './event-time';
import { ProjectedEvent } from './projection';
import { applyDefinitionChanges, definitionFields } from './task-definition-fields';
import { CurrentExecution, NO_EXECUTION, priorityRank, TaskExecutionDoc } from './task-executions.doc';

type On<T extends LedgerEventType> = (
  doc: TaskExecutionDoc,
  event: ProjectedEvent<EventOfType<T>>,
  at: string,
) => TaskExecutionDoc;

const belongs = (
  doc: TaskExecutionDoc,
  executionId: string,
): doc is TaskExecutionDoc & { currentExecution: CurrentExecution } =>
  doc.currentExecution !== null && doc.currentExecution.executionId === executionId;

/** The current execution, with `change` applied when the event belongs to it. */
const executionAfter = (
  doc: TaskExecutionDoc,
  executionId: string,
  change: (current: CurrentExecution) => CurrentExecution,
) => (belongs(doc, executionId) ? change(doc.currentExecution) : doc.currentExecution);

/** Applies `change` to the current execution when the event belongs to it (the same document when not). */
const onExecution = (
  doc: TaskExecutionDoc,
  executionId: string,
  change: (current: CurrentExecution) => CurrentExecution,
) => (belongs(doc, executionId) ? { ...doc, currentExecution: change(doc.currentExecution) } : doc);

export const registered: On<'TaskRegistered'> = (doc, event, at) => ({
  ...doc,
  ...definitionFields(event.data.definition),
  priorityRank: priorityRank(event.data.definition.priority),
  registered: true,
  registeredAt: doc.registeredAt ?? at,
  removedFromBacklog: false,
});

export const definitionChanged: On<'TaskDefinitionChanged'> = (doc, event) => {
  const fields = applyDefinitionChanges(doc, event.data.changes);
  return { ...doc, ...fields, priorityRank: priorityRank(fields.priority) };
};

export const removedFromBacklog: On<'TaskRemovedFromBacklog'> = (doc) => ({ ...doc, removedFromBacklog: true });

const firstAttempt = (event: ProjectedEvent<EventOfType<'TaskExecutionStarted'>>, at: string): CurrentExecution => ({
  executionId: event.data.executionId,
  attempt: event.data.attempt,
  startedAt: at,
  attemptStartedAt: at,
  progress: 0,
  message: null,
  leaseExpiresAt: utcTimestamp(event.data.leaseExpiresAt),
  timeoutMs: event.data.timeoutMs,
  runner: { kind: event.data.runner.kind, host: event.data.runner.host },
  nextAttemptAt: null,
});

export const started: On<'TaskExecutionStarted'> = (doc, event, at) => {
  const attempt = firstAttempt(event, at);
  if (doc.currentExecution !== null && doc.currentExecution.executionId === event.data.executionId) {
    return { ...doc, status: 'running', currentExecution: { ...attempt, startedAt: doc.currentExecution.startedAt } };
  }
  return {
    ...doc,
    ...NO_EXECUTION,
    status: 'running',
    currentExecution: attempt,
    startedAt: at,
    executions: doc.executions + 1,
  };
};

export const progressReported: On<'TaskProgressReported'> = (doc, event) =>
  onExecution(doc, event.data.executionId, (current) => ({
    ...current,
    progress: event.data.progress,
    message: event.data.message,
  }));

export const leaseRenewed: On<'TaskLeaseRenewed'> = (doc, event) =>
  onExecution(doc, event.data.executionId, (current) => ({
    ...current,
    leaseExpiresAt: utcTimestamp(event.data.leaseExpiresAt),
  }));

export const attemptFailed: On<'TaskAttemptFailed'> = (doc, event, at) => {
  const { error, classification, executionId, attempt } = event.data;
  const lastError = {
    message: error.message,
    type: error.type,
    category: classification.category,
    severity: classification.severity,
    exitCode: error.exitCode,
    executionId,
    attempt,
    at,
  };
  return {
    ...doc,
    currentExecution: executionAfter(doc, executionId, (current) => ({ ...current, leaseExpiresAt: null })),
    lastError,
  };
};

export const abandoned: On<'TaskExecutionAbandoned'> = (doc, event) =>
  onExecution(doc, event.data.executionId, (current) => ({ ...current, leaseExpiresAt: null }));

export const retryScheduled: On<'TaskRetryScheduled'> = (doc, event) => ({
  ...doc,
  currentExecution: executionAfter(doc, event.data.executionId, (current) => ({
    ...current,
    leaseExpiresAt: null,
    nextAttemptAt: utcTimestamp(event.data.notBefore),
  })),
  status: 'retrying',
  retryCount: doc.retryCount + 1,
  totalRetries: doc.totalRetries + 1,
});

export const completed: On<'TaskExecutionCompleted'> = (doc, event, at) => ({
  ...doc,
  currentExecution: executionAfter(doc, event.data.executionId, (current) => ({
    ...current,
    progress: 1,
    leaseExpiresAt: null,
  })),
  status: 'completed',
  completedAt: at,
  executionTimeMs: event.data.durationMs,
  exitCode: event.data.exitCode,
});

export const executionFailed: On<'TaskExecutionFailed'> = (doc, event, at) => ({
  ...doc,
  currentExecution: executionAfter(doc, event.data.executionId, (current) => ({
    ...current,
    leaseExpiresAt: null,
    nextAttemptAt: null,
  })),
  status: 'failed',
  completedAt: at,
  failure: { reason: event.data.reason, category: event.data.category, message: event.data.message },
});

export const skipped: On<'TaskSkipped'> = (doc, event) => ({
  ...doc,
  status: 'skipped',
  skip: { reason: event.data.reason, missing: [...event.data.missing], message: event.data.message },
});

export const stateReset: On<'ExecutionStateReset'> = (doc) => ({ ...doc, ...NO_EXECUTION, status: 'pending' });
