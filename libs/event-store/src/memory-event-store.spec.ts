import { describeEventStoreContract } from './event-store.contract';
import { MemoryEventStore } from './memory-event-store';

describeEventStoreContract('memory', async () => {
  const store = new MemoryEventStore();
  return { store, openSecondClient: async () => secondClient(store), cleanup: () => store.close() };
});

/** The memory store has no connections: a second client is the same store with a no-op close. */
const secondClient = (store: MemoryEventStore) =>
  Object.assign(Object.create(store) as MemoryEventStore, { close: async () => undefined });

describe('memory event store once closed', () => {
  it('refuses appends and ends its subscriptions', async () => {
    const store = new MemoryEventStore();
    const subscription = store.subscribeToAll();
    const messages: string[] = [];
    const iteration = (async () => {
      for await (const message of subscription) messages.push(message.kind);
    })();
    await store.close();
    await iteration;
    expect(messages).toEqual(['caught-up']);
    await expect(store.append('task-B-1', [], { expectedRevision: 'any' })).rejects.toMatchObject({
      code: 'StoreUnavailable',
    });
  });
});
