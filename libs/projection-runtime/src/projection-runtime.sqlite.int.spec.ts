import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@taskledger/event-store';
import { SqliteReadStore } from '@taskledger/read-store';
import { appendTo, completion, completionsProjection } from '../test/runtime-fixtures';
import { ProjectionRuntime } from './projection-runtime';

/** The names of the built read-store indexes on the collection's table, read on a fresh connection. */
const builtIndexes = (path: string, collection: string): string[] => {
  const db = new Database(path, { readonly: true });
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'rs_ix_%'")
    .pluck()
    .all(`rs_${collection}`) as string[];
  db.close();
  return names;
};

describe('projection runtime on SQLite: indexes of a collection built from the first event', () => {
  let dir: string;
  let path: string;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'runtime-indexes-'));
    path = join(dir, 'ledger.db');
    events = new SqliteEventStore(path);
    reads = new SqliteReadStore(path);
    for (let task = 1; task <= 5; task += 1) await appendTo(events, `T-${task}`, [completion(`T-${task}`, task * 10)]);
  });
  afterEach(async () => {
    await reads.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are built once caught up, not while the documents are written', async () => {
    const seenWhileWriting: string[][] = [];
    await new ProjectionRuntime({
      eventStore: events,
      readStore: reads,
      projections: [completionsProjection()],
      batchSize: 2,
      onProgress: () => seenWhileWriting.push(builtIndexes(path, 'completions')),
    }).catchUp();
    expect(seenWhileWriting).toEqual([[], [], []]);
    expect(builtIndexes(path, 'completions')).toEqual([expect.stringMatching(/^rs_ix_completions_completions_/)]);
  });

  it('are built for a rebuilt version before it is swapped in', async () => {
    await new ProjectionRuntime({
      eventStore: events,
      readStore: reads,
      projections: [completionsProjection()],
    }).catchUp();
    await new ProjectionRuntime({
      eventStore: events,
      readStore: reads,
      projections: [completionsProjection({ version: 2 })],
    }).catchUp();
    expect(builtIndexes(path, 'completions')).toEqual([expect.stringMatching(/^rs_ix_completions__next_completions_/)]);
    expect((await reads.find('completions', { filter: { completions: 1 } })).items).toHaveLength(5);
  });

  it('are built on the next start when a catch-up from the first event was stopped part way', async () => {
    const controller = new AbortController();
    await new ProjectionRuntime({
      eventStore: events,
      readStore: reads,
      projections: [completionsProjection()],
      batchSize: 2,
      onProgress: () => controller.abort(),
    }).runLive(controller.signal);
    expect(await reads.getCheckpoint('completions')).toMatchObject({ position: expect.any(String) });
    expect(builtIndexes(path, 'completions')).toEqual([]);
    await new ProjectionRuntime({
      eventStore: events,
      readStore: reads,
      projections: [completionsProjection()],
    }).catchUp();
    expect(builtIndexes(path, 'completions')).toHaveLength(1);
  });
});
