import { EventOfType } from '@taskledger/events';
import { assertNeverEvent } from './assert-never';
import { utcTimestamp } from './event-time';
import { defineProjection, ProjectedEvent } from './projection';
import { newTaskExecution, TaskExecutionDoc } from './task-executions.doc';
import * as on from './task-executions.evolve';
import { errorReclassified } from './task-executions.reclassified';

const handles = [
  'TaskRegistered',
  'TaskDefinitionChanged',
  'TaskRemovedFromBacklog',
  'TaskExecutionStarted',
  'TaskProgressReported',
  'TaskLeaseRenewed',
  'TaskAttemptFailed',
  'TaskRetryScheduled',
  'TaskExecutionCompleted',
  'TaskExecutionFailed',
  'TaskSkipped',
  'TaskExecutionAbandoned',
  'ExecutionStateReset',
  'ErrorReclassified',
] as const;

type Handled = ProjectedEvent<EventOfType<(typeof handles)[number]>>;

const apply = (doc: TaskExecutionDoc, event: Handled, at: string): TaskExecutionDoc => {
  switch (event.type) {
    case 'TaskRegistered':
      return on.registered(doc, event, at);
    case 'TaskDefinitionChanged':
      return on.definitionChanged(doc, event, at);
    case 'TaskRemovedFromBacklog':
      return on.removedFromBacklog(doc, event, at);
    case 'TaskExecutionStarted':
      return on.started(doc, event, at);
    case 'TaskProgressReported':
      return on.progressReported(doc, event, at);
    case 'TaskLeaseRenewed':
      return on.leaseRenewed(doc, event, at);
    case 'TaskAttemptFailed':
      return on.attemptFailed(doc, event, at);
    case 'TaskRetryScheduled':
      return on.retryScheduled(doc, event, at);
    case 'TaskExecutionCompleted':
      return on.completed(doc, event, at);
    case 'TaskExecutionFailed':
      return on.executionFailed(doc, event, at);
    case 'TaskSkipped':
      return on.skipped(doc, event, at);
    case 'TaskExecutionAbandoned':
      return on.abandoned(doc, event, at);
    case 'ExecutionStateReset':
      return on.stateReset(doc, event, at);
    case 'ErrorReclassified':
      return errorReclassified(doc, event);
    default:
      return assertNeverEvent(event, doc);
  }
};

/** One document per task: its definition and execution state. */
export const taskExecutionsProjection = defineProjection({
  name: 'task_executions',
  version: 3,
  description: 'Per task: definition, execution status, current execution, last error, retries and timings.',
  handles,
  documentIds: (event) => [event.data.taskId],
  evolve: (doc: TaskExecutionDoc | null, event): TaskExecutionDoc => {
    const at = utcTimestamp(event.metadata.occurredAt);
    return { ...apply(doc ?? newTaskExecution(event.data.taskId, at), event, at), updatedAt: at };
  },
  indexes: [['status'], ['backlogStatus'], ['priority'], ['priorityRank'], ['humanRequired'], ['updatedAt']],
});
