import { EventStore, RecordedEvent } from '@taskledger/event-store';

/**
 * The store, remembering each stream it read in full and reading only what was appended since
 * on the next full read: recording thousands of versions re-reads every task's stream per
 * version. Appends go through to the store; a failed one (another writer got there first)
 * forgets the stream, so the caller's retry reads it afresh.
 */
export const cachingStreamReads = (store: EventStore): EventStore => {
  const streams = new Map<string, RecordedEvent[]>();
  const readFull = async (stream: string): Promise<RecordedEvent[]> => {
    const known = streams.get(stream) ?? [];
    const last = known.at(-1);
    const newer = await store.readStream(stream, last === undefined ? undefined : { fromRevision: last.revision + 1 });
    const all = newer.length === 0 ? known : [...known, ...newer];
    streams.set(stream, all);
    return [...all];
  };
  return {
    append: async (stream, events, options) => {
      try {
        return await store.append(stream, events, options);
      } catch (error) {
        streams.delete(stream);
        throw error;
      }
    },
    readStream: (stream, options) =>
      options === undefined || Object.keys(options).length === 0 ? readFull(stream) : store.readStream(stream, options),
    streamRevision: (stream) => store.streamRevision(stream),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    countEventsAfter: (position) => store.countEventsAfter(position),
    close: () => store.close(),
  };
};
