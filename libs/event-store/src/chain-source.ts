import { canonicalJson, canonicalMetadata, CHECKPOINT_STREAM, storedMetadataText } from '@taskledger/events';
import { metadataHash } from './chain-append';
import { CheckpointingEventStore } from './checkpointing-event-store';
import { EventStore, RecordedEvent } from './event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * An event as stored, for verification: data and metadata as JSON text in the embedded store's
 * layout (canonical data; the hash first in the metadata, see storedMetadataText). `position`
 * is the event's place in the global order (EventStoreDB: the commit position).
 */
export interface StoredEventRow {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: string;
  metadata: string;
}

/** What `verify` reads: every stored event in position order (or one stream's), and the checkpoints. */
export interface ChainSource {
  rows(stream?: string): Iterable<StoredEventRow> | AsyncIterable<StoredEventRow>;
  checkpoints(): Promise<StoredEventRow[]>;
}

/** The embedded store's rows exactly as stored: nothing is parsed or re-serialised on the way. */
const sqliteChainSource = (store: SqliteEventStore): ChainSource => ({
  rows: (stream) => store.storedRows(stream),
  checkpoints: async () => [...store.storedRows(CHECKPOINT_STREAM)],
});

/**
 * Any other store, through the port: events come decoded, so data is re-serialised canonically.
 * Events at an older schema version arrive upcast and would not match their hashes; only the
 * embedded store reads events exactly as stored today.
 */
const rowOf = (event: RecordedEvent): StoredEventRow => {
  const hash = metadataHash(event.metadata);
  return {
    position: Number(event.position.commit),
    stream: event.streamName,
    revision: event.revision,
    id: event.id,
    type: event.type,
    data: canonicalJson(event.data),
    metadata: hash ? storedMetadataText(canonicalMetadata(event.metadata), hash) : canonicalJson(event.metadata),
  };
};

async function* portRows(store: EventStore, stream?: string): AsyncIterable<StoredEventRow> {
  if (stream !== undefined) {
    for (const event of await store.readStream(stream)) yield rowOf(event);
    return;
  }
  for await (const event of store.readAll()) yield rowOf(event);
}

/** The fastest way to read `store` as stored: the embedded store's rows, or the port's events. */
export const chainSourceOf = (store: EventStore): ChainSource =>
  store instanceof CheckpointingEventStore
    ? chainSourceOf(store.inner)
    : store instanceof SqliteEventStore
      ? sqliteChainSource(store)
      : {
          rows: (stream) => portRows(store, stream),
          checkpoints: async () => (await store.readStream(CHECKPOINT_STREAM)).map(rowOf),
        };
