import { TaskledgerError } from '@taskledger/errors';
import { EventEnvelope, validateEnvelope } from '@taskledger/events';
import { sameStoredData } from './chain-append';
import { concurrencyConflict, EventFilter, ExpectedRevision, StreamRevision } from './event-store.port';

/**
 * Validates every envelope (nothing invalid is ever written), rejects ids repeated in one batch,
 * and returns the batch with its ids in lower case: UUIDs are case-insensitive and EventStoreDB
 * stores them lower-cased, so every adapter keeps and compares them that way.
 */
export const checkBatch = (streamName: string, events: readonly EventEnvelope[]): EventEnvelope[] => {
  if (!streamName || /\s/.test(streamName)) {
    throw new TaskledgerError(
      'InvalidArgument',
      `"${streamName}" is not a valid stream name (non-empty, no whitespace)`,
    );
  }
  const ids = new Set<string>();
  return events.map((event) => {
    validateEnvelope(event);
    const id = event.id.toLowerCase();
    if (ids.has(id)) throw new TaskledgerError('DuplicateEventId', `event id ${id} appears twice in one append`);
    ids.add(id);
    return id === event.id ? event : { ...event, id };
  });
};

export const revisionMatches = (expected: ExpectedRevision, actual: StreamRevision): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
};

export const assertRevision = (streamName: string, expected: ExpectedRevision, actual: StreamRevision): void => {
  if (!revisionMatches(expected, actual)) throw concurrencyConflict(streamName, expected, actual);
};

/** An event already in the stream, as the idempotency check compares it. */
export interface StoredForComparison {
  id: string;
  type: string;
  /** JSON text of the stored data. */
  data: string;
}

/**
 * EventStoreDB's idempotent append: when the batch's first id is already in the stream, the
 * whole batch must be a replay of events stored from that revision on (same ids, same content),
 * appended at the same expected revision. Returns the last revision of such a replay; null when
 * the batch is new; throws on a partial or conflicting reuse of ids.
 */
export const replayedRevision = (
  streamName: string,
  expected: ExpectedRevision,
  actual: StreamRevision,
  events: readonly EventEnvelope[],
  firstIdRevision: number | null,
  storedAt: (revision: number) => StoredForComparison | undefined,
): number | null => {
  if (firstIdRevision === null || events.length === 0) return null;
  const expectedFirst = expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : firstIdRevision;
  if (firstIdRevision !== expectedFirst) throw concurrencyConflict(streamName, expected, actual);
  events.forEach((event, index) => {
    const stored = storedAt(firstIdRevision + index);
    if (!stored || stored.id !== event.id) {
      throw new TaskledgerError(
        'DuplicateEventId',
        `append to ${streamName} repeats only part of an earlier append (event ${event.id} differs); re-send the whole batch or new ids`,
      );
    }
    if (stored.type !== event.type || !sameStoredData(stored.data, event.data)) {
      throw new TaskledgerError(
        'DuplicateEventId',
        `event id ${event.id} was already appended to ${streamName} with different content`,
      );
    }
  });
  return firstIdRevision + events.length - 1;
};

export const streamPrefixes = (filter: EventFilter | undefined): readonly string[] | null =>
  filter && 'streamPrefix' in filter
    ? typeof filter.streamPrefix === 'string'
      ? [filter.streamPrefix]
      : filter.streamPrefix
    : null;

export const filterEventTypes = (filter: EventFilter | undefined): readonly string[] | null =>
  filter && 'eventTypes' in filter ? filter.eventTypes : null;

/** True when an event of this stream and type passes the filter. */
export const passesFilter = (filter: EventFilter | undefined, streamName: string, type: string): boolean => {
  const prefixes = streamPrefixes(filter);
  if (prefixes) return prefixes.some((prefix) => streamName.startsWith(prefix));
  const types = filterEventTypes(filter);
  return types ? types.includes(type) : true;
};
