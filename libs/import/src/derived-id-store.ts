import { EventEnvelope } from '@taskledger/events';
import { EventStore } from '@taskledger/event-store';
import { derivedEventId } from './derived-id';

/**
 * The store, but every appended event's id is derived from `prefix`, its stream and its type
 * (one source fact — a commit — records at most one event of a type per stream), so the same
 * fact recorded again is recognised by its id.
 */
export const withDerivedIds = (store: EventStore, prefix: string): EventStore => ({
  append: (stream, events, options) =>
    store.append(
      stream,
      events.map((event) => ({ ...event, id: derivedEventId(`${prefix}:${stream}:${event.type}`) }) as EventEnvelope),
      options,
    ),
  readStream: (stream, options) => store.readStream(stream, options),
  streamRevision: (stream) => store.streamRevision(stream),
  readAll: (options) => store.readAll(options),
  subscribeToAll: (options) => store.subscribeToAll(options),
  headPosition: () => store.headPosition(),
  countEventsAfter: (position) => store.countEventsAfter(position),
  close: () => store.close(),
});
