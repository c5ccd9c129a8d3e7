import { MemoryEventStore } from '@taskledger/event-store';
import { ReopenableEventStore } from './reopenable-event-store';
import { registerTask, streamTypes } from './testing/test-runner';

describe('a reopenable event store (the database recovery)', () => {
  it('given a reopen, then later calls go to the new connection and the old one is closed', async () => {
    const first = new MemoryEventStore();
    const second = new MemoryEventStore();
    const store = new ReopenableEventStore(first, async () => second);
    await registerTask(store, 'T-1');
    expect(await store.reopen()).toEqual({ outcome: 'succeeded', details: { reopened: 1 } });
    await registerTask(store, 'T-2');
    expect(await streamTypes(second, 'T-2')).toEqual(['TaskRegistered']);
    expect(await streamTypes(second, 'T-1')).toEqual([]);
    await expect(first.readStream('task-T-1')).rejects.toThrow();
  });

  it('given a connection that cannot be opened, then the recovery failed and the old connection stays in use', async () => {
    const first = new MemoryEventStore();
    const store = new ReopenableEventStore(first, async () => {
      throw new Error('SQLITE_CANTOPEN: unable to open database file');
    });
    expect(await store.reopen()).toEqual({
      outcome: 'failed',
      details: { error: 'SQLITE_CANTOPEN: unable to open database file' },
    });
    await registerTask(store, 'T-1');
    expect(await streamTypes(first, 'T-1')).toEqual(['TaskRegistered']);
  });
});
