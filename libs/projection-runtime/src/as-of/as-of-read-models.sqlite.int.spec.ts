import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@taskledger/event-store';
import { appendInOrder } from '@taskledger/event-store/testing';
import { Doc, readModels, taskExecutionsProjection } from '@taskledger/projections';
import { foldAll, regularHistory } from '@taskledger/projections/testing';
import { SqliteReadStore } from '@taskledger/read-store';
import { asOfStores } from './as-of-read-models';
import { writeDueSnapshots } from './snapshot-writer';

const events = regularHistory(3, 60, 5);
const POSITION = 50;

describe('the read models as of a point of a SQLite ledger', () => {
  let dir: string;
  let stores: { eventStore: SqliteEventStore; readStore: SqliteReadStore };
  const asOf = () =>
    asOfStores(stores, { position: { commit: BigInt(POSITION), prepare: BigInt(POSITION) }, time: null }, readModels)
      .readStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'taskledger-as-of-'));
    const file = join(dir, 'ledger.db');
    stores = { eventStore: new SqliteEventStore(file), readStore: new SqliteReadStore(file) };
    await appendInOrder(stores.eventStore, events);
    await writeDueSnapshots(stores.eventStore, stores.readStore, readModels, { every: 20 });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await stores.readStore.close();
    await stores.eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds a snapshot and the events after it without serialising a document', async () => {
    expect(events.length).toBeGreaterThan(POSITION);
    const folded = new Set(
      readModels.flatMap((projection) => [...foldAll(projection, events.slice(0, POSITION)).keys()]),
    );
    const stringify = jest.spyOn(JSON, 'stringify');
    await asOf().foldAll();
    const serialised = stringify.mock.calls.filter(([value]) => folded.has((value as Partial<Doc> | null)?.id ?? ''));
    expect(serialised).toHaveLength(0);
  });

  it('hands each reader its own copy of a document', async () => {
    const store = asOf();
    const [first] = (await store.find<Doc>(taskExecutionsProjection.name, { limit: 1 })).items;
    expect(first).toBeDefined();
    const original = JSON.stringify(first);
    (first as unknown as Record<string, unknown>)['status'] = 'changed by a reader';
    expect(JSON.stringify(await store.get(taskExecutionsProjection.name, first!.id))).toBe(original);
    const [again] = await store.getMany(taskExecutionsProjection.name, [first!.id]);
    expect(JSON.stringify(again)).toBe(original);
  });
});
