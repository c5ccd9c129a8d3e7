import { isTaskledgerError } from '@taskledger/errors';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';

import { describeReadStoreContract } from './read-store.contract';
import { MongoReadStore } from './mongodb-read-store';
import { PENDING } from './mongodb-unit-of-work';

const url = process.env['MONGODB_URL'];
const skipReason =
  url === undefined || url === ''
    ? 'set MONGODB_URL to a replica set (e.g. mongodb://localhost:27017/?directConnection=true for docker compose) to run it'
    : undefined;

jest.setTimeout(30_000);

/** Each test gets its own database, dropped afterwards. */
const freshDatabase = () => {
  const database = `rs_contract_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const drop = async () => {
    const client = new MongoClient(url as string);
    try {
      await client.db(database).dropDatabase();
    } finally {
      await client.close();
    }
  };
  return { database, drop };
};

describeReadStoreContract(
  'mongodb',
  async () => {
    const { database, drop } = freshDatabase();
    const store = await MongoReadStore.connect({ url: url as string, database });
    return {
      store,
      openSecondClient: () => MongoReadStore.connect({ url: url as string, database }),
      cleanup: async () => {
        await store.close();
        await drop();
      },
    };
  },
  skipReason,
);

(skipReason === undefined ? describe : describe.skip)(
  'mongodb read store after a crash in the middle of a swap',
  () => {
    it("shows readers the swap's checkpoint at once, and the next write completes the swap", async () => {
      const { database, drop } = freshDatabase();
      const store = await MongoReadStore.connect({ url: url as string, database });
      try {
        await store.ensureCollection('executions');
        await store.ensureCollection('executions__v2', { indexes: [['status']] });
        await store.put('executions__v2', { id: 'new', status: 'rebuilt' });
        await store.commit({ checkpoints: [{ name: 'executions', position: '1', version: 1 }] });
        const raw = new MongoClient(url as string);
        await raw
          .db(database)
          .collection<{ _id: string; [field: string]: unknown }>(PENDING)
          .insertOne({
            _id: 'swap',
            swaps: [{ source: 'executions__v2', target: 'executions' }],
            checkpoints: [{ _id: 'executions', position: '9', version: 2, state: null }],
            deleteCheckpoints: [],
          });
        await raw.close();
        expect(await store.getCheckpoint('executions')).toEqual({
          name: 'executions',
          position: '9',
          version: 2,
          revision: expect.any(String),
        });
        await store.commit({});
        expect(await store.get('executions', 'new')).toEqual({ id: 'new', status: 'rebuilt' });
        expect(await store.listCollections()).toEqual([{ name: 'executions', indexes: [['status']] }]);
      } finally {
        await store.close();
        await drop();
      }
    });
  },
);

describe('mongodb read store without a server', () => {
  it('refuses a malformed URL as a configuration error naming the setting, password hidden', async () => {
    const error = await MongoReadStore.connect({ url: 'mongodb://app:secret@ledger/x?directConnection=maybe' }).catch(
      (caught: unknown) => caught,
    );
    expect(isTaskledgerError(error, 'InvalidConfig')).toBe(true);
    expect((error as Error).message).toMatch(/TASKLEDGER_READ_STORE/);
    expect((error as Error).message).not.toContain('secret');
  });

  it('fails to connect with StoreUnavailable naming the server, password hidden', async () => {
    const error = await MongoReadStore.connect({
      url: 'mongodb://app:secret@127.0.0.1:9/ledger',
      serverSelectionTimeoutMs: 200,
    }).catch((caught: unknown) => caught);
    expect(isTaskledgerError(error, 'StoreUnavailable')).toBe(true);
    expect((error as Error).message).toContain('mongodb://app:***@127.0.0.1:9/ledger');
    expect((error as Error).message).not.toContain('secret');
  });
});
