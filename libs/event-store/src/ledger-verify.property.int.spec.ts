import Database from 'better-sqlite3';
import fc from 'fast-check';
import { tempDir } from '../test/temp-dir';
import { chainSourceOf } from './chain-source';
import { someEvents } from './event-store.contract';
import { verifyLedger } from './ledger-verify';
import { SqliteEventStore } from './sqlite-event-store';

/** Batches appended in order: which of three task streams, and how many events. */
const batches = fc.array(fc.record({ task: fc.integer({ min: 1, max: 3 }), count: fc.integer({ min: 1, max: 3 }) }), {
  minLength: 1,
  maxLength: 8,
});

describe('verify against random edits', () => {
  const dir = tempDir('verify-property');
  afterAll(() => dir.remove());
  let n = 0;

  it('names the edited event whichever digit of whichever event is changed in the file', async () => {
    await fc.assert(
      fc.asyncProperty(batches, fc.nat(), fc.nat(), async (appends, pick, digitPick) => {
        const path = dir.file(`ledger-${(n += 1)}.db`);
        const store = new SqliteEventStore(path);
        try {
          for (const { task, count } of appends) {
            await store.append(`task-B-${task}`, someEvents(`B-${task}`, count), { expectedRevision: 'any' });
          }
          const db = new Database(path);
          const rows = db.prepare('SELECT position, stream, revision, data FROM events').all() as {
            position: number;
            stream: string;
            revision: number;
            data: string;
          }[];
          const row = rows[pick % rows.length]!;
          const digits = [...row.data.matchAll(/\d/g)].map((match) => match.index);
          const at = digits[digitPick % digits.length]!;
          const changed = String((Number(row.data[at]) + 1) % 10);
          db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
            row.data.slice(0, at) + changed + row.data.slice(at + 1),
            row.position,
          );
          db.close();
          const report = await verifyLedger(chainSourceOf(store));
          expect(report).toMatchObject({ ok: false, brokenLinks: 1 });
          expect(report.firstBrokenLink).toMatchObject({
            stream: row.stream,
            revision: row.revision,
            position: row.position,
          });
        } finally {
          await store.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
