import { TaskledgerError } from '@taskledger/errors';
import { EventEnvelope, LedgerEvent } from '@taskledger/events';
import { Position } from './position';

/** What the writer believes the stream's last revision is. Revisions start at 0. */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';
/** The stream's last revision, or 'no_stream' when it has no events. */
export type StreamRevision = number | 'no_stream';

export type RecordedEvent<E extends LedgerEvent = LedgerEvent> = EventEnvelope<E> & {
  streamName: string;
  revision: number;
  position: Position;
};

export interface AppendResult {
  /** The revision of the last event now in the stream: pass it as the next expectedRevision. */
  nextExpectedRevision: number;
  position: Position;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive). Default: the start, or the end when reading backwards. */
  fromRevision?: number;
  /** Default 'forwards'. */
  direction?: 'forwards' | 'backwards';
  /** Default: no limit. */
  maxCount?: number;
}

/** Server-side filter on $all: by stream name prefix (e.g. `task-`) or by exact event types. */
export type EventFilter = { streamPrefix: string | readonly string[] } | { eventTypes: readonly string[] };

export interface ReadAllOptions {
  /** Inclusive; default 'start'. */
  fromPosition?: Position | 'start';
  filter?: EventFilter;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive: events after this position are delivered (a checkpoint). Default 'start'. */
  fromPosition?: Position | 'start';
  filter?: EventFilter;
}

/** Delivered in order; 'caught-up' is sent once, when the subscription has read all past events. */
export type SubscriptionMessage =
  { kind: 'event'; event: RecordedEvent } | { kind: 'caught-up'; position: Position | null };

/** A catch-up subscription: iterate it; `stop()` ends the iteration cleanly. */
export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  stop(): Promise<void>;
}

/**
 * The event store port, shaped after EventStoreDB. Reads yield decoded, current-version
 * events; an event that cannot be decoded throws TaskledgerError('UndecodableEvent') carrying its
 * position, so a reader can record it and resubscribe from that position.
 */
export interface EventStore {
  append(streamName: string, events: readonly EventEnvelope[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  streamRevision(streamName: string): Promise<StreamRevision>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** The position of the newest event, or null for an empty store. */
  headPosition(): Promise<Position | null>;
  /** How many events lie after `position` (all of them for 'start'): a reader's lag. */
  countEventsAfter(position: Position | 'start'): Promise<number>;
  close(): Promise<void>;
}

/** Another writer moved the stream first: the details say where it is and what the writer expected. */
export const concurrencyConflict = (
  streamName: string,
  expected: ExpectedRevision,
  actual: StreamRevision,
): TaskledgerError =>
  new TaskledgerError(
    'ConcurrencyConflict',
    `stream ${streamName} is at revision ${actual}, but the writer expected ${expected}`,
    { streamName, expected, actual },
  );
