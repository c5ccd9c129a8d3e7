import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@taskledger/event-store';
import { appendInOrder } from '@taskledger/event-store/testing';
import { AnyProjection, Doc, readModels, taskExecutionsProjection } from '@taskledger/projections';
import { foldAll, regularHistory, serialiseDocs } from '@taskledger/projections/testing';
import { SqliteReadStore } from '@taskledger/read-store';
import { asOfStores } from './as-of-read-models';
import { writeDueSnapshots } from './snapshot-writer';
import { listSnapshots, snapshotName } from './snapshots';

const events = regularHistory(3, 80, 7);

describe('as-of snapshots in a SQLite ledger', () => {
  let dir: string;
  const open = () => {
    const file = join(dir, 'ledger.db');
    return { eventStore: new SqliteEventStore(file), readStore: new SqliteReadStore(file) };
  };
  const docsAt = async (stores: ReturnType<typeof open>, position: number, projection: AnyProjection) => {
    const point = { position: { commit: BigInt(position), prepare: BigInt(position) }, time: null };
    const { items } = await asOfStores(stores, point, readModels).readStore.find<Doc>(projection.name);
    return serialiseDocs(new Map(items.map((doc) => [doc.id, doc])));
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'taskledger-snapshots-'));
    const stores = open();
    await appendInOrder(stores.eventStore, events);
    await stores.eventStore.close();
    await stores.readStore.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each snapshot once when two processes write them at the same moment', async () => {
    expect(events.length).toBeGreaterThan(40);
    const [first, second] = [open(), open()];
    const written = await Promise.all(
      [first, second].map((stores) =>
        writeDueSnapshots(stores.eventStore, stores.readStore, readModels, { every: 10 }),
      ),
    );
    expect(written[0]! + written[1]!).toBeGreaterThanOrEqual(4 * Math.floor(events.length / 10));
    const positions = (await listSnapshots(first.readStore, taskExecutionsProjection)).map((s) => s.position.commit);
    expect(positions).toEqual(Array.from({ length: Math.floor(events.length / 10) }, (_, i) => BigInt(10 * (i + 1))));
    expect(await docsAt(first, 25, taskExecutionsProjection)).toBe(
      serialiseDocs(foldAll(taskExecutionsProjection, events.slice(0, 25))),
    );
    for (const stores of [first, second]) await Promise.all([stores.eventStore.close(), stores.readStore.close()]);
  });

  it('never reads a snapshot that was not finished (no checkpoint)', async () => {
    const stores = open();
    const half = snapshotName(taskExecutionsProjection, { commit: 20n, prepare: 20n });
    await stores.readStore.ensureCollection(half);
    await stores.readStore.commit({ changes: [{ op: 'put', collection: half, doc: { id: 'B-1', status: 'bogus' } }] });
    expect(await docsAt(stores, 25, taskExecutionsProjection)).toBe(
      serialiseDocs(foldAll(taskExecutionsProjection, events.slice(0, 25))),
    );
    await Promise.all([stores.eventStore.close(), stores.readStore.close()]);
  });

  it("drops a projection's snapshots when its version changes, and writes the new version's", async () => {
    const stores = open();
    await writeDueSnapshots(stores.eventStore, stores.readStore, readModels, { every: 20 });
    const bumped = { ...taskExecutionsProjection, version: taskExecutionsProjection.version + 1 } as AnyProjection;
    await writeDueSnapshots(stores.eventStore, stores.readStore, [bumped], { every: 20 });
    const names = (await stores.readStore.listCollections())
      .map((c) => c.name)
      .filter((n) => n.startsWith('asof_task_'));
    expect(names).toEqual((await listSnapshots(stores.readStore, bumped)).map((snapshot) => snapshot.name));
    expect(names.length).toBe(Math.floor(events.length / 20));
    expect(await listSnapshots(stores.readStore, taskExecutionsProjection)).toEqual([]);
    await Promise.all([stores.eventStore.close(), stores.readStore.close()]);
  });
});
