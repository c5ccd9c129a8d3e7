import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { taskStream, toEnvelopes } from '@taskledger/events';
import { registered, testContext } from '@taskledger/events/testing';
import { openStores, Stores } from './open-stores';
import { catchUpReadModels, prepareAsOf } from './read-models';

const asOfCheckpoints = async (stores: Stores) =>
  (await stores.readStore.listCheckpoints())
    .filter((checkpoint) => checkpoint.name.startsWith('asof'))
    .map((checkpoint) => `${checkpoint.name}@${checkpoint.position}`);

const register = (stores: Stores, id: string, firstId: number) =>
  stores.eventStore.append(taskStream(id), toEnvelopes([registered(id)], testContext({ firstId })), {
    expectedRevision: 'no_stream',
  });

describe('as-of upkeep in embedded mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-as-of-upkeep-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes nothing for as-of until the first as-of read, then keeps it up with every catch-up', async () => {
    const path = join(dir, 'ledger.db');
    const stores = await openStores({ eventStore: { kind: 'sqlite', path }, readStore: { kind: 'sqlite', path } });
    try {
      await register(stores, 'B-1', 1);
      await catchUpReadModels(stores);
      expect(await asOfCheckpoints(stores)).toEqual([]);
      await prepareAsOf(stores);
      expect(await asOfCheckpoints(stores)).toEqual(['asoflog_execution_history_v1@1']);
      await register(stores, 'B-2', 2);
      await catchUpReadModels(stores);
      expect(await asOfCheckpoints(stores)).toEqual(['asoflog_execution_history_v1@2']);
    } finally {
      await stores.close();
    }
  });
});
