import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTs } from './testing';
import { tempDir } from '../test/temp-dir';
import { chainSourceOf } from './chain-source';
import { verifyLedger } from './ledger-verify';
import { SqliteEventStore } from './sqlite-event-store';

describe('several processes appending to one SQLite ledger', () => {
  const dir = tempDir('es-processes');
  afterAll(() => dir.remove());

  it('serialises them: no lost or duplicated event, gap-free positions, lost races seen as conflicts, one unbroken hash chain', async () => {
    const path = dir.file('shared.db');
    new SqliteEventStore(path).close();
    const workers = ['1', '2', '3', '4'];
    const perWorker = 40;
    let ready = 0;
    const results = await Promise.all(
      workers.map((worker) =>
        runTs(join(__dirname, '../test/append-worker.ts'), [path, 'task-shared', `${perWorker}`, worker], (chunk) => {
          if (chunk.includes('ready') && ++ready === workers.length) writeFileSync(`${path}.go`, '');
        }),
      ),
    );
    results.forEach((result) => expect(result).toMatchObject({ code: 0, stderr: 'ready\n' }));

    const db = new Database(path, { readonly: true });
    const rows = db
      .prepare('SELECT position, revision FROM events WHERE stream = ? ORDER BY position')
      .all('task-shared') as Array<{
      position: number;
      revision: number;
    }>;
    const integrity = db.pragma('integrity_check', { simple: true });
    db.close();
    expect(integrity).toBe('ok');
    expect(rows.map((row) => row.revision)).toEqual(Array.from({ length: workers.length * perWorker }, (_, i) => i));
    expect(rows.map((row) => row.position)).toEqual(
      Array.from({ length: workers.length * perWorker }, (_, i) => i + 1),
    );
    const conflicts = results.reduce(
      (sum, result) => sum + (JSON.parse(result.stdout) as { conflicts: number }).conflicts,
      0,
    );
    expect(conflicts).toBeGreaterThan(0);
    const store = new SqliteEventStore(path);
    const report = await verifyLedger(chainSourceOf(store));
    await store.close();
    expect(report).toMatchObject({ ok: true, chained: workers.length * perWorker, firstBrokenLink: null });
  }, 60_000);
});
