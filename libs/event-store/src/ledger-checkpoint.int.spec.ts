import Database from 'better-sqlite3';
import { CHECKPOINT_STREAM } from '@taskledger/events';
import { tempDir } from '../test/temp-dir';
import { chainSourceOf } from './chain-source';
import { CheckpointingEventStore } from './checkpointing-event-store';
import { someEvents } from './event-store.contract';
import { EventStore } from './event-store.port';
import { checkpointHash, writeLedgerCheckpoint } from './ledger-checkpoint';
import { verifyLedger } from './ledger-verify';
import { MemoryEventStore } from './memory-event-store';
import { SqliteEventStore } from './sqlite-event-store';

const checkpoints = async (store: EventStore) =>
  (await store.readStream(CHECKPOINT_STREAM)).map((event) => (event.type === 'LedgerCheckpointed' ? event.data : null));

describe('ledger checkpoints', () => {
  const dir = tempDir('checkpoint');
  afterAll(() => dir.remove());
  let path: string;
  let store: SqliteEventStore;
  let n = 0;
  beforeEach(() => {
    path = dir.file(`ledger-${(n += 1)}.db`);
    store = new SqliteEventStore(path);
  });
  afterEach(() => store.close());

  it('records the head of every stream that moved since the last one, chained to it', async () => {
    await store.append('task-B-1', someEvents('B-1', 2), { expectedRevision: 'no_stream' });
    await store.append('task-B-2', someEvents('B-2', 1), { expectedRevision: 'no_stream' });
    expect(await writeLedgerCheckpoint(store)).toMatchObject({
      written: true,
      revision: 0,
      upTo: '3',
      heads: 2,
      events: 3,
    });
    expect(await writeLedgerCheckpoint(store)).toEqual({ written: false, reason: 'nothing-new' });
    await store.append('task-B-1', someEvents('B-1', 1), { expectedRevision: 1 });
    await writeLedgerCheckpoint(store);
    const [first, second] = await checkpoints(store);
    const [b1] = await store.readStream('task-B-1', { direction: 'backwards', maxCount: 1 });
    expect(first!.heads.map((head) => [head.stream, head.revision])).toEqual([
      ['task-B-1', 1],
      ['task-B-2', 0],
    ]);
    expect(second).toMatchObject({
      upTo: '5',
      events: 1,
      heads: [{ stream: 'task-B-1', revision: 2, position: '5', hash: b1!.metadata.hash }],
      previous: first!.ledgerHash,
      ledgerHash: checkpointHash(first!.ledgerHash, second!.heads),
    });
    expect(await verifyLedger(chainSourceOf(store))).toMatchObject({ ok: true, checkpoints: 2, events: 6, streams: 3 });
  });

  it('lets verify find the last event of a stream deleted after a checkpoint covered it', async () => {
    await store.append('task-B-1', someEvents('B-1', 3), { expectedRevision: 'no_stream' });
    await store.append('task-B-2', someEvents('B-2', 1), { expectedRevision: 'no_stream' });
    await writeLedgerCheckpoint(store);
    const db = new Database(path);
    db.prepare("DELETE FROM events WHERE stream = 'task-B-1' AND revision = 2").run();
    db.close();
    const report = await verifyLedger(chainSourceOf(store));
    expect(report).toMatchObject({ ok: false, brokenLinks: 1 });
    expect(report.firstBrokenLink).toMatchObject({ problem: 'checkpoint-head', stream: 'task-B-1', revision: 2 });
    expect(report.firstBrokenLink!.found).toMatch(/^revision 1, hash [0-9a-f]{64}$/);
  });

  it('finds a checkpoint whose recorded heads were edited', async () => {
    await store.append('task-B-1', someEvents('B-1', 2), { expectedRevision: 'no_stream' });
    await writeLedgerCheckpoint(store);
    const db = new Database(path);
    db.prepare(`UPDATE events SET data = replace(data, '"revision":1', '"revision":0') WHERE stream = ?`).run(
      CHECKPOINT_STREAM,
    );
    db.close();
    const report = await verifyLedger(chainSourceOf(store));
    expect(report.firstBrokenLink).toMatchObject({
      problem: 'checkpoint-hash',
      stream: CHECKPOINT_STREAM,
      revision: 0,
    });
    expect(report.brokenLinks).toBe(3);
  });

  it('writes nothing before `every` events lie after the last checkpoint', async () => {
    await store.append('task-B-1', someEvents('B-1', 3), { expectedRevision: 'no_stream' });
    expect(await writeLedgerCheckpoint(store, { every: 4 })).toEqual({ written: false, reason: 'not-due' });
    await store.append('task-B-1', someEvents('B-1', 1), { expectedRevision: 2 });
    expect(await writeLedgerCheckpoint(store, { every: 4 })).toMatchObject({ written: true });
  });

  it('writes one checkpoint when two writers race', async () => {
    await store.append('task-B-1', someEvents('B-1', 2), { expectedRevision: 'no_stream' });
    const other = new SqliteEventStore(path);
    const outcomes = await Promise.all([writeLedgerCheckpoint(store), writeLedgerCheckpoint(other)]);
    await other.close();
    expect(outcomes.filter((outcome) => outcome.written)).toHaveLength(1);
    expect(await checkpoints(store)).toHaveLength(1);
  });

  it('are written by a checkpointing store at most once per `every` events, as it appends', async () => {
    const checkpointing = new CheckpointingEventStore(store, 5);
    for (let index = 0; index < 12; index += 1) {
      await checkpointing.append(`task-B-${index % 3}`, someEvents(`B-${index % 3}`, 1), { expectedRevision: 'any' });
    }
    const written = await checkpoints(store);
    expect(written.map((checkpoint) => checkpoint!.events)).toEqual([5, 5]);
    expect(await verifyLedger(chainSourceOf(checkpointing))).toMatchObject({ ok: true, checkpoints: 2, events: 14 });
  });

  it('are verified the same way on a store read through the port', async () => {
    const memory = new MemoryEventStore();
    await memory.append('task-B-1', someEvents('B-1', 2), { expectedRevision: 'no_stream' });
    await writeLedgerCheckpoint(memory);
    await memory.append('task-B-2', someEvents('B-2', 2), { expectedRevision: 'no_stream' });
    expect(await verifyLedger(chainSourceOf(memory))).toMatchObject({
      ok: true,
      events: 5,
      chained: 5,
      checkpoints: 1,
    });
  });
});
