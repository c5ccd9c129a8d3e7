import { describeReadStoreContract } from './read-store.contract';
import { MemoryReadStore } from './memory-read-store';

describeReadStoreContract('memory', async () => {
  const store = new MemoryReadStore();
  return { store, openSecondClient: async () => secondClient(store), cleanup: () => store.close() };
});

/** The memory store has no connections: a second client is the same store with a no-op close. */
const secondClient = (store: MemoryReadStore) =>
  Object.assign(Object.create(store) as MemoryReadStore, { close: async () => undefined });
