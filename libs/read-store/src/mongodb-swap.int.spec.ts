import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoReadStore } from './mongodb-read-store';
import { PENDING } from './mongodb-unit-of-work';

const url = process.env['MONGODB_URL'];
if (!url) console.warn('mongodb swap suite skipped: set MONGODB_URL to a replica set to run it');

jest.setTimeout(30_000);

type Raw = { _id: string; [field: string]: unknown };

/** A store on a fresh database, raw access to it, and cleanup. */
const setUp = async () => {
  const database = `rs_swap_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const raw = new MongoClient(url as string);
  const store = await MongoReadStore.connect({ url: url as string, database });
  const pending = (record: Omit<Raw, '_id'>) =>
    raw
      .db(database)
      .collection<Raw>(PENDING)
      .insertOne({ _id: 'swap', ...record });
  const done = async () => {
    await store.close();
    await raw.db(database).dropDatabase();
    await raw.close();
  };
  return { database, raw, store, pending, done };
};

const checkpoint = (position: string) => ({
  _id: 'executions',
  position,
  version: 2,
  state: null,
  revision: randomUUID(),
});

(url ? describe : describe.skip)('mongodb swaps between processes', () => {
  it('leaves a swap another live process owns to it: readers run no DDL, a second swap is StoreBusy', async () => {
    const { store, pending, done } = await setUp();
    try {
      await store.ensureCollection('executions');
      await store.ensureCollection('executions__v2');
      await store.ensureCollection('other__v2');
      await store.ensureCollection('other');
      await pending({
        swaps: [{ source: 'executions__v2', target: 'executions' }],
        checkpoints: [checkpoint('9')],
        deleteCheckpoints: [],
        owner: 'another-process',
        claimedAt: new Date(),
        done: 0,
      });
      const shown = await store.getCheckpoint('executions');
      expect(shown).toMatchObject({ position: '9', version: 2 });
      expect((await store.listCollections()).map((c) => c.name)).toContain('executions__v2');
      const stale = store.commit({ expect: [{ name: 'executions', revision: shown!.revision! }] });
      await expect(stale).rejects.toMatchObject({ code: 'CheckpointConflict' });
      await expect(store.swapCollection('other__v2', 'other')).rejects.toMatchObject({ code: 'StoreBusy' });
    } finally {
      await done();
    }
  });

  it('lets two processes finish the same abandoned swap at once, without errors, renaming once', async () => {
    const { database, store, pending, done } = await setUp();
    const second = await MongoReadStore.connect({ url: url as string, database });
    try {
      await store.ensureCollection('executions');
      await store.ensureCollection('executions__v2');
      await store.put('executions__v2', { id: 'new' });
      await pending({
        swaps: [{ source: 'executions__v2', target: 'executions' }],
        checkpoints: [checkpoint('9')],
        deleteCheckpoints: [],
      });
      await Promise.all([store.commit({}), second.commit({})]);
      expect(await second.get('executions', 'new')).toEqual({ id: 'new' });
      expect(await store.getCheckpoint('executions')).toMatchObject({ position: '9' });
    } finally {
      await second.close();
      await done();
    }
  });

  it('does not replay a rename it recorded as done when its source was created again', async () => {
    const { store, pending, done } = await setUp();
    try {
      for (const name of ['x', 'y', 'z']) await store.ensureCollection(name);
      await store.put('y', { id: 'renamed-from-x' });
      await store.put('x', { id: 'created-again' });
      await pending({
        swaps: [
          { source: 'x', target: 'y' },
          { source: 'y', target: 'z' },
        ],
        checkpoints: [],
        deleteCheckpoints: [],
        done: 1,
      });
      await store.commit({});
      expect((await store.find('z')).items).toEqual([{ id: 'renamed-from-x' }]);
      expect((await store.find('x')).items).toEqual([{ id: 'created-again' }]);
    } finally {
      await done();
    }
  });
});
