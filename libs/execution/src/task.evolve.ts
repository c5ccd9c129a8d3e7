import type { EventOfType, TaskDefinition, TaskEvent } from '@taskledger/events';
import { initialState, RegisteredTaskState, TaskState, taskInfo } from './task.state';

/** A task event, bare (as decide returns it) or in its envelope (as read from the store). */
export type TaskEventInput = TaskEvent & { metadata?: { occurredAt: string } };

type Data<T extends TaskEvent['type']> = EventOfType<T>['data'];

const registered = (state: TaskState, data: Data<'TaskRegistered'>): TaskState => {
  const info = { taskId: data.taskId, backlogId: data.backlogId, definition: data.definition, inBacklog: true };
  return state.status === 'unregistered' ? { status: 'pending', ...info } : { ...state, ...info };
};

const applyChanges = (definition: TaskDefinition, changes: Data<'TaskDefinitionChanged'>['changes']): TaskDefinition =>
  changes.reduce<TaskDefinition>(
    (current, { field, to }) => (Object.hasOwn(current, field) ? { ...current, [field]: to } : current),
    definition,
  );

/** Retries already used by `executionId` according to the state (0 for a new execution). */
const retriesUsedBy = (state: RegisteredTaskState, executionId: string): number =>
  'execution' in state && state.execution.executionId === executionId && 'retriesUsed' in state.execution
    ? state.execution.retriesUsed
    : 0;

const started = (state: RegisteredTaskState, event: TaskEventInput & { type: 'TaskExecutionStarted' }): TaskState => {
  const { executionId, attempt, leaseExpiresAt, timeoutMs, runner } = event.data;
  const startedAt = event.metadata ? new Date(event.metadata.occurredAt) : null;
  const retriesUsed = retriesUsedBy(state, executionId);
  return {
    ...taskInfo(state),
    status: 'running',
    execution: {
      executionId,
      attempt,
      startedAt,
      leaseExpiresAt: new Date(leaseExpiresAt),
      timeoutMs,
      runner,
      progress: null,
      retriesUsed,
    },
  };
};

const progressed = (state: RegisteredTaskState, data: Data<'TaskProgressReported'>): TaskState =>
  state.status === 'running' && state.execution.executionId === data.executionId
    ? { ...state, execution: { ...state.execution, progress: { value: data.progress, message: data.message } } }
    : state;

const renewed = (state: RegisteredTaskState, data: Data<'TaskLeaseRenewed'>): TaskState =>
  state.status === 'running' && state.execution.executionId === data.executionId
    ? { ...state, execution: { ...state.execution, leaseExpiresAt: new Date(data.leaseExpiresAt) } }
    : state;

const attemptFailed = (state: RegisteredTaskState, data: Data<'TaskAttemptFailed'>): TaskState => {
  const running =
    state.status === 'running' && state.execution.executionId === data.executionId ? state.execution : null;
  const execution = {
    executionId: data.executionId,
    attempt: data.attempt,
    retriesUsed: retriesUsedBy(state, data.executionId),
    timeoutMs: running?.timeoutMs ?? null,
    category: data.classification.category,
    countsAgainstBudget: data.error.type !== 'interrupted',
    nextTimeoutMs: null,
  };
  return { ...taskInfo(state), status: 'attempt-failed', execution };
};

const recovered = (state: RegisteredTaskState, data: Data<'RecoveryActionAttempted'>): TaskState => {
  const toMs = data.details['toMs'];
  const extended = data.action === 'extend-timeout' && data.outcome === 'succeeded' && typeof toMs === 'number';
  return extended && state.status === 'attempt-failed' && state.execution.executionId === data.executionId
    ? { ...state, execution: { ...state.execution, nextTimeoutMs: toMs } }
    : state;
};

const retryScheduled = (state: RegisteredTaskState, data: Data<'TaskRetryScheduled'>): TaskState => {
  const failed =
    state.status === 'attempt-failed' && state.execution.executionId === data.executionId ? state.execution : null;
  const counts = failed ? failed.countsAgainstBudget : data.reason !== 'interrupted';
  const execution = {
    executionId: data.executionId,
    failedAttempt: data.failedAttempt,
    nextAttempt: data.nextAttempt,
    notBefore: new Date(data.notBefore),
    delayMs: data.delayMs,
    reason: data.reason,
    retriesUsed: retriesUsedBy(state, data.executionId) + (counts ? 1 : 0),
    nextTimeoutMs: failed?.nextTimeoutMs ?? null,
  };
  return { ...taskInfo(state), status: 'retrying', execution };
};

const evolveRegistered = (state: RegisteredTaskState, event: TaskEventInput): TaskState => {
  switch (event.type) {
    case 'TaskDefinitionChanged':
      return { ...state, definition: applyChanges(state.definition, event.data.changes) };
    case 'TaskRemovedFromBacklog':
      return { ...state, inBacklog: false };
    case 'TaskExecutionStarted':
      return started(state, event);
    case 'TaskProgressReported':
      return progressed(state, event.data);
    case 'TaskLeaseRenewed':
      return renewed(state, event.data);
    case 'TaskAttemptFailed':
      return attemptFailed(state, event.data);
    case 'RecoveryActionAttempted':
      return recovered(state, event.data);
    case 'TaskRetryScheduled':
      return retryScheduled(state, event.data);
    case 'TaskExecutionCompleted': {
      const { executionId, attempt, durationMs, exitCode } = event.data;
      return { ...taskInfo(state), status: 'completed', execution: { executionId, attempt, durationMs, exitCode } };
    }
    case 'TaskExecutionFailed': {
      const { executionId, attempt, reason, category, message } = event.data;
      return { ...taskInfo(state), status: 'failed', execution: { executionId, attempt, reason, category, message } };
    }
    case 'TaskSkipped': {
      const { reason, missing, message } = event.data;
      return { ...taskInfo(state), status: 'skipped', skip: { reason, missing, message } };
    }
    case 'ExecutionStateReset':
      return { ...taskInfo(state), status: 'pending' };
    default:
      return state;
  }
};

/**
 * The state after one event. Never throws: history is fact. Events for a task that was never
 * registered, for another execution than the current one, or of unknown types leave it as is.
 * TaskExecutionAbandoned changes nothing by itself: the TaskAttemptFailed that follows does.
 */
export const evolve = (state: TaskState, event: TaskEventInput): TaskState => {
  if (event.type === 'TaskRegistered') return registered(state, event.data);
  return state.status === 'unregistered' ? state : evolveRegistered(state, event);
};

/** Folds a task stream (bare events or envelopes; envelopes give the attempts' start times). */
export const foldTaskState = (events: Iterable<TaskEventInput>, from: TaskState = initialState): TaskState => {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
};
