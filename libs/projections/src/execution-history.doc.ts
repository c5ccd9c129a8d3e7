import { Doc } from './projection';

export type HistoryStatus =
  | 'registered'
  | 'running'
  | 'progress'
  | 'attempt_failed'
  | 'retrying'
  | 'completed'
  | 'failed'
  | 'skipped'
  | 'abandoned'
  | 'reset'
  | 'recovery';

export type HistoryValue = string | number | boolean | null | string[];

/**
 * One document per lifecycle event (id = event id), for "recent executions" across tasks and
 * a task's timeline. `timestamp` is the event's occurredAt in UTC.
 */
export interface ExecutionHistoryDoc extends Doc {
  id: string;
  taskId: string;
  eventType: string;
  status: HistoryStatus;
  timestamp: string;
  executionId: string | null;
  attempt: number | null;
  /** A short sentence, e.g. "attempt 2 failed: exit code 1 (execution)". */
  message: string;
  /** Key facts of the event, in a fixed key order per status. */
  metadata: Record<string, HistoryValue>;
  correlationId: string;
  causationId: string | null;
  actor: string;
  streamName: string;
  revision: number;
}

/** What an event contributes to its history document. */
export interface HistoryEntry {
  status: HistoryStatus;
  executionId: string | null;
  attempt: number | null;
  message: string;
  metadata: Record<string, HistoryValue>;
}
