import { EventStoreConfig, ReadStoreConfig, TaskledgerConfig } from '@taskledger/config';
import {
  CheckpointingEventStore,
  DEFAULT_CHECKPOINT_EVERY,
  EventStore,
  MemoryEventStore,
  SqliteEventStore,
} from '@taskledger/event-store';
import { MemoryReadStore, MongoReadStore, ReadStore, SqliteReadStore } from '@taskledger/read-store';
import { retryWhileUnavailable, RetryOptions } from './connect-retry';

/** The configured stores, opened. */
export interface Stores {
  eventStore: EventStore;
  readStore: ReadStore;
  /**
   * True when the events live in this process's reach (SQLite file, memory): commands then
   * catch the read models up themselves. With EventStoreDB the projector app does it.
   */
  embedded: boolean;
  /**
   * The files, when both stores are SQLite: other threads or processes may then open their own
   * connections to them (a parallel catch-up does).
   */
  sqliteFiles?: { eventStore: string; readStore: string };
  /** Where the stores are, for messages: paths, or server URLs without credentials. */
  locations: { eventStore: string; readStore: string };
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  /** How often a live SQLite subscription looks for new events. Default 100 ms. */
  pollIntervalMs?: number;
  /** Appends write a ledger checkpoint once this many events lie after the last one. Default 10,000. */
  checkpointEvery?: number;
}

/** Opens the event store and read store named by configuration (the one adapter factory). */
export const openStores = async (
  config: Pick<TaskledgerConfig, 'eventStore' | 'readStore'>,
  options: OpenStoresOptions = {},
): Promise<Stores> => {
  const eventStore = new CheckpointingEventStore(
    await openEventStore(config.eventStore, options),
    options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY,
  );
  let readStore: ReadStore;
  try {
    readStore = await openReadStore(config.readStore);
  } catch (error) {
    await eventStore.close();
    throw error;
  }
  return {
    eventStore,
    readStore,
    embedded: config.eventStore.kind !== 'esdb',
    sqliteFiles:
      config.eventStore.kind === 'sqlite' && config.readStore.kind === 'sqlite'
        ? { eventStore: config.eventStore.path, readStore: config.readStore.path }
        : undefined,
    locations: { eventStore: describe(config.eventStore), readStore: describe(config.readStore) },
    close: async () => {
      await readStore.close();
      await eventStore.close();
    },
  };
};

/**
 * For long-running apps started beside their servers: opens the stores and asks the event
 * store for its head (EventStoreDB connects lazily), retrying with back-off while either is
 * unavailable (starting, or no leader / primary yet), so the app does not give up after one try.
 */
export const openStoresWhenAvailable = (
  config: Pick<TaskledgerConfig, 'eventStore' | 'readStore'>,
  retry: RetryOptions = {},
): Promise<Stores> =>
  retryWhileUnavailable(async () => {
    const stores = await openStores(config);
    try {
      await stores.eventStore.headPosition();
      return stores;
    } catch (error) {
      await stores.close().catch(() => undefined);
      throw error;
    }
  }, retry);

const openEventStore = async (config: EventStoreConfig, options: OpenStoresOptions): Promise<EventStore> => {
  switch (config.kind) {
    case 'sqlite':
      return new SqliteEventStore(config.path, { pollIntervalMs: options.pollIntervalMs });
    case 'esdb': {
      // Required only when configured: the gRPC client takes ~0.3 s to load.
      const { EsdbEventStore } =
        require('@taskledger/event-store/esdb') as typeof import('@taskledger/event-store/esdb');
      return new EsdbEventStore(config.url);
    }
    case 'memory':
      return new MemoryEventStore();
  }
};

const openReadStore = async (config: ReadStoreConfig): Promise<ReadStore> => {
  switch (config.kind) {
    case 'sqlite':
      return new SqliteReadStore(config.path);
    case 'mongodb':
      return MongoReadStore.connect({ url: config.url });
    case 'memory':
      return new MemoryReadStore();
  }
};

const describe = (config: EventStoreConfig | ReadStoreConfig): string => {
  switch (config.kind) {
    case 'sqlite':
      return `sqlite:${config.path}`;
    case 'memory':
      return 'memory:';
    default:
      return config.url.replace(/\/\/[^@/]*@/, '//***@');
  }
};
