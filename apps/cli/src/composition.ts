import { TaskledgerConfig } from '@taskledger/config';
import { EventStore, MemoryEventStore, SqliteEventStore } from '@taskledger/event-store';

/** The stores a command works with, opened from configuration. */
export interface Ledger {
  eventStore: EventStore;
  /** Where the events live, for messages: a file path or a server URL without credentials. */
  eventStoreLocation: string;
  close(): Promise<void>;
}

/** The composition root: the only place that picks adapters from configuration. */
export const openLedger = async (config: TaskledgerConfig): Promise<Ledger> => {
  const eventStore = await openEventStore(config);
  return {
    eventStore,
    eventStoreLocation: describeLocation(config),
    close: () => eventStore.close(),
  };
};

const openEventStore = async (config: TaskledgerConfig): Promise<EventStore> => {
  switch (config.eventStore.kind) {
    case 'sqlite':
      return new SqliteEventStore(config.eventStore.path);
    case 'esdb': {
      const { EsdbEventStore } = await import('@taskledger/event-store/esdb');
      return new EsdbEventStore(config.eventStore.url);
    }
    case 'memory':
      return new MemoryEventStore();
  }
};

const describeLocation = (config: TaskledgerConfig): string => {
  switch (config.eventStore.kind) {
    case 'sqlite':
      return `sqlite:${config.eventStore.path}`;
    case 'esdb':
      return config.eventStore.url.replace(/\/\/[^@/]*@/, '//***@');
    case 'memory':
      return 'memory:';
  }
};
