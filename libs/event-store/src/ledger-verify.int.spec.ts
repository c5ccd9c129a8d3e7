import Database from 'better-sqlite3';
import { tempDir } from '../test/temp-dir';
import { chainSourceOf } from './chain-source';
import { someEvents } from './event-store.contract';
import { verifyLedger } from './ledger-verify';
import { SqliteEventStore } from './sqlite-event-store';

/** A ledger of three task streams (4 events each, appended in two batches) in a SQLite file. */
const ledger = async (path: string): Promise<void> => {
  const store = new SqliteEventStore(path);
  for (const task of ['B-1', 'B-2', 'B-3']) {
    await store.append(`task-${task}`, someEvents(task, 2), { expectedRevision: 'no_stream' });
  }
  for (const task of ['B-1', 'B-2', 'B-3']) {
    await store.append(`task-${task}`, someEvents(task, 2), { expectedRevision: 1 });
  }
  await store.close();
};

const verifyFile = async (path: string, stream?: string) => {
  const store = new SqliteEventStore(path);
  try {
    return await verifyLedger(chainSourceOf(store), { stream });
  } finally {
    await store.close();
  }
};

/** Runs SQL on the file directly, as someone editing the database behind the ledger's back. */
const tamper = (path: string, work: (db: Database.Database) => void) => {
  const db = new Database(path);
  try {
    work(db);
  } finally {
    db.close();
  }
};

const rowAt = (db: Database.Database, stream: string, revision: number) =>
  db.prepare('SELECT position, id, data FROM events WHERE stream = ? AND revision = ?').get(stream, revision) as {
    position: number;
    id: string;
    data: string;
  };

describe('verifying the hash chains of a SQLite ledger', () => {
  const dir = tempDir('verify');
  afterAll(() => dir.remove());
  let path: string;
  let n = 0;
  beforeEach(async () => {
    path = dir.file(`ledger-${(n += 1)}.db`);
    await ledger(path);
  });

  it('finds every link intact in a ledger written by the store', async () => {
    expect(await verifyFile(path)).toEqual({
      ok: true,
      stream: null,
      events: 12,
      streams: 3,
      chained: 12,
      unchained: 0,
      checkpoints: 0,
      brokenLinks: 0,
      firstBrokenLink: null,
    });
  });

  it('names the event whose data had one byte edited in the file', async () => {
    let edited = { position: 0, id: '' };
    tamper(path, (db) => {
      const row = rowAt(db, 'task-B-2', 3);
      edited = row;
      const data = row.data.replace('"durationMs":1200', '"durationMs":1300');
      expect(data).not.toBe(row.data);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data, row.position);
    });
    const report = await verifyFile(path);
    expect(report).toMatchObject({ ok: false, brokenLinks: 1 });
    expect(report.firstBrokenLink).toMatchObject({
      problem: 'hash-mismatch',
      stream: 'task-B-2',
      revision: 3,
      position: edited.position,
      eventId: edited.id,
    });
    expect(report.firstBrokenLink!.expected).not.toBe(report.firstBrokenLink!.found);
  });

  it('finds an event deleted from the middle of a stream, at the revision after it', async () => {
    tamper(path, (db) => db.prepare("DELETE FROM events WHERE stream = 'task-B-1' AND revision = 1").run());
    const report = await verifyFile(path);
    expect(report.firstBrokenLink).toMatchObject({
      problem: 'revision-out-of-order',
      stream: 'task-B-1',
      revision: 2,
      expected: 'revision 1',
      found: 'revision 2',
    });
  });

  it('finds an event deleted and the later revisions renumbered to close the gap', async () => {
    tamper(path, (db) => {
      db.prepare("DELETE FROM events WHERE stream = 'task-B-1' AND revision = 1").run();
      db.prepare("UPDATE events SET revision = revision - 1 WHERE stream = 'task-B-1' AND revision > 1").run();
    });
    const report = await verifyFile(path);
    expect(report.firstBrokenLink).toMatchObject({ problem: 'hash-mismatch', stream: 'task-B-1', revision: 1 });
  });

  it('finds two events of a stream swapped, each in the place of the other', async () => {
    tamper(path, (db) => {
      const read = db.prepare('SELECT id, type, data, metadata FROM events WHERE position = ?');
      const write = db.prepare('UPDATE events SET id = ?, type = ?, data = ?, metadata = ? WHERE position = ?');
      const [first, second] = [rowAt(db, 'task-B-3', 1).position, rowAt(db, 'task-B-3', 2).position];
      const [a, b] = [read.get(first), read.get(second)] as {
        id: string;
        type: string;
        data: string;
        metadata: string;
      }[];
      db.transaction(() => {
        write.run('swapping', b!.type, b!.data, b!.metadata, first);
        write.run(a!.id, a!.type, a!.data, a!.metadata, second);
        write.run(b!.id, b!.type, b!.data, b!.metadata, first);
      })();
    });
    const report = await verifyFile(path);
    expect(report.firstBrokenLink).toMatchObject({ problem: 'hash-mismatch', stream: 'task-B-3', revision: 1 });
  });

  it('finds two events whose places in the log were exchanged', async () => {
    tamper(path, (db) => {
      const [first, second] = [rowAt(db, 'task-B-3', 1).position, rowAt(db, 'task-B-3', 2).position];
      const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      db.transaction(() => {
        move.run(-1, first);
        move.run(first, second);
        move.run(second, -1);
      })();
    });
    const report = await verifyFile(path);
    expect(report.firstBrokenLink).toMatchObject({
      problem: 'revision-out-of-order',
      stream: 'task-B-3',
      revision: 2,
      expected: 'revision 1',
    });
  });

  it('counts events written before chaining as unchained, and starts the chain at the first hashed event', async () => {
    const old = dir.file(`old-${n}.db`);
    const store = new SqliteEventStore(old);
    await store.append('task-B-9', someEvents('B-9', 2), { expectedRevision: 'no_stream' });
    await store.close();
    tamper(old, (db) => {
      const stripped = db.prepare('SELECT position, metadata FROM events').all() as {
        position: number;
        metadata: string;
      }[];
      for (const row of stripped) {
        const { hash: _hash, ...metadata } = JSON.parse(row.metadata) as Record<string, unknown>;
        db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(metadata), row.position);
      }
    });
    const reopened = new SqliteEventStore(old);
    await reopened.append('task-B-9', someEvents('B-9', 2), { expectedRevision: 1 });
    await reopened.close();
    expect(await verifyFile(old)).toMatchObject({ ok: true, events: 4, chained: 2, unchained: 2, brokenLinks: 0 });
  });

  it('finds a hash removed from an event after the chain started', async () => {
    tamper(path, (db) => {
      const row = db
        .prepare("SELECT position, metadata FROM events WHERE stream = 'task-B-2' AND revision = 3")
        .get() as {
        position: number;
        metadata: string;
      };
      const { hash: _hash, ...metadata } = JSON.parse(row.metadata) as Record<string, unknown>;
      db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(metadata), row.position);
    });
    expect((await verifyFile(path)).firstBrokenLink).toMatchObject({
      problem: 'hash-missing',
      stream: 'task-B-2',
      revision: 3,
      found: 'none',
    });
  });

  it('accepts stored JSON rewritten with other spacing and key order but the same content', async () => {
    tamper(path, (db) => {
      const row = rowAt(db, 'task-B-1', 0);
      const data = JSON.parse(row.data) as Record<string, unknown>;
      const reordered = Object.fromEntries(Object.entries(data).reverse());
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(reordered, null, 1), row.position);
    });
    expect(await verifyFile(path)).toMatchObject({ ok: true, chained: 12 });
  });

  it('verifies one stream alone, ignoring breaks in the others', async () => {
    tamper(path, (db) => db.prepare("DELETE FROM events WHERE stream = 'task-B-1' AND revision = 1").run());
    expect(await verifyFile(path, 'task-B-2')).toMatchObject({ ok: true, stream: 'task-B-2', events: 4, streams: 1 });
    expect(await verifyFile(path, 'task-B-1')).toMatchObject({ ok: false, events: 3 });
  });
});
