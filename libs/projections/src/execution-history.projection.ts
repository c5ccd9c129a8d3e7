import { EventOfType } from '@taskledger/events';
import { assertNeverEvent } from './assert-never';
import { utcTimestamp } from './event-time';
import { ExecutionHistoryDoc, HistoryEntry } from './execution-history.doc';
import * as entries from './execution-history.entries';
import { defineProjection, ProjectedEvent } from './projection';

const handles = [
  'TaskRegistered',
  'TaskExecutionStarted',
  'TaskProgressReported',
  'TaskAttemptFailed',
  'TaskRetryScheduled',
  'TaskExecutionCompleted',
  'TaskExecutionFailed',
  'TaskSkipped',
  'TaskExecutionAbandoned',
  'ExecutionStateReset',
  'RecoveryActionAttempted',
] as const;

type Handled = ProjectedEvent<EventOfType<(typeof handles)[number]>>;

const entryOf = (event: Handled): HistoryEntry | null => {
  switch (event.type) {
    case 'TaskRegistered':
      return entries.registeredEntry(event.data);
    case 'TaskExecutionStarted':
      return entries.startedEntry(event.data);
    case 'TaskProgressReported':
      return entries.progressEntry(event.data);
    case 'TaskAttemptFailed':
      return entries.attemptFailedEntry(event.data);
    case 'TaskRetryScheduled':
      return entries.retryEntry(event.data);
    case 'TaskExecutionCompleted':
      return entries.completedEntry(event.data);
    case 'TaskExecutionFailed':
      return entries.failedEntry(event.data);
    case 'TaskSkipped':
      return entries.skippedEntry(event.data);
    case 'TaskExecutionAbandoned':
      return entries.abandonedEntry(event.data);
    case 'ExecutionStateReset':
      return entries.resetEntry(event.data);
    case 'RecoveryActionAttempted':
      return entries.recoveryEntry(event.data);
    default:
      return assertNeverEvent(event, null);
  }
};

const historyDoc = (event: Handled, entry: HistoryEntry): ExecutionHistoryDoc => ({
  id: event.id,
  taskId: event.data.taskId,
  eventType: event.type,
  status: entry.status,
  timestamp: utcTimestamp(event.metadata.occurredAt),
  executionId: entry.executionId,
  attempt: entry.attempt,
  message: entry.message,
  metadata: entry.metadata,
  correlationId: event.metadata.correlationId,
  causationId: event.metadata.causationId,
  actor: event.metadata.actor,
  streamName: event.streamName,
  revision: event.revision,
});

/** One document per task lifecycle event (id = event id), for timelines and recent executions. */
export const executionHistoryProjection = defineProjection({
  name: 'execution_history',
  version: 1,
  description: 'One document per task lifecycle event: status, time, a short message and key facts.',
  handles,
  documentIds: (event) => [event.id],
  evolve: (doc: ExecutionHistoryDoc | null, event): ExecutionHistoryDoc | null => {
    const entry = entryOf(event);
    return entry === null ? doc : historyDoc(event, entry);
  },
  indexes: [['timestamp'], ['taskId', 'timestamp'], ['status', 'timestamp']],
  documentPerEvent: true,
});
