import { describeEventStoreContract } from './event-store.contract';
import { MemoryEventStore } from './memory-event-store';

describeEventStoreContract('memory', async () => {
  const store = new MemoryEventStore();
  return { store, openSecondClient: async () => secondClient(store), cleanup: () => store.close() };
});

/** The memory store has no connections: a second client is the same store with a no-op close. */
const secondClient = (store: MemoryEventStore) =>
  Object.assign(Object.create(store) as MemoryEventStore, { close: async () => undefined });
