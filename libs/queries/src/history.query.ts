import { EventStore, positionToString, RecordedEvent } from '@taskledger/event-store';
import { EventMetadata, taskStream } from '@taskledger/events';
import { taskNotFound } from './read-models.access';

/** One event of a task's stream, as the audit trail shows it. */
export interface HistoryEvent {
  position: string;
  revision: number;
  id: string;
  type: string;
  occurredAt: string;
  data: unknown;
  metadata: EventMetadata;
}

export interface TaskHistory {
  task: string;
  events: HistoryEvent[];
  /** The revision to ask for next; null when the stream has no more events (absent when not paginated). */
  nextFrom?: number | null;
}

export interface HistoryQuery {
  /** First revision (inclusive). Default 0. */
  from?: number;
  /** Most events. Default: all. */
  limit?: number;
}

const historyEvent = (event: RecordedEvent): HistoryEvent => ({
  position: positionToString(event.position),
  revision: event.revision,
  id: event.id,
  type: event.type,
  occurredAt: event.metadata.occurredAt,
  data: event.data,
  metadata: event.metadata,
});

/**
 * The audit trail straight from the task's stream, oldest first (no read model involved).
 * TaskledgerError('NotFound') when the stream has no events.
 */
export const taskHistory = async (
  eventStore: EventStore,
  taskId: string,
  query: HistoryQuery = {},
): Promise<TaskHistory> => {
  const stream = taskStream(taskId);
  const last = await eventStore.streamRevision(stream);
  if (last === 'no_stream') throw taskNotFound(taskId);
  const events = await eventStore.readStream(stream, { fromRevision: query.from ?? 0, maxCount: query.limit });
  const history: TaskHistory = { task: taskId, events: events.map(historyEvent) };
  if (query.limit === undefined) return history;
  const end = events[events.length - 1]?.revision;
  return { ...history, nextFrom: end !== undefined && end < last ? end + 1 : null };
};
