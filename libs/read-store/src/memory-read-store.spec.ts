import { describeReadStoreContract } from './read-store.contract';
import { MemoryReadStore } from './memory-read-store';

describeReadStoreContract('memory', async () => {
  const store = new MemoryReadStore();
  return { store, openSecondClient: async () => secondClient(store), cleanup: () => store.close() };
});

/** The memory store has no connections: a second client is the same store with a no-op close. */
const secondClient = (store: MemoryReadStore) =>
  Object.assign(Object.create(store) as MemoryReadStore, { close: async () => undefined });

describe('memory read store', () => {
  it('hands out copies, so a caller changing a document it read changes nothing stored', async () => {
    const store = new MemoryReadStore();
    await store.ensureCollection('things');
    await store.put('things', { id: 'a', tags: ['x'] });
    const read = (await store.get<{ id: string; tags: string[] }>('things', 'a'))!;
    read.tags.push('y');
    expect(await store.get('things', 'a')).toEqual({ id: 'a', tags: ['x'] });
  });
});
