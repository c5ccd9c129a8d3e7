import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FastifyInstance } from 'fastify';
import { SqliteEventStore } from '@taskledger/event-store';
import { ledgerVerification } from '@taskledger/queries';
import { SqliteReadStore } from '@taskledger/read-store';
import { buildLedger, Ledger } from '../test/ledger-fixture';
import { buildApp } from './app';

describe('GET /verify over a SQLite ledger', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-api-verify-'));
  const file = join(dir, 'ledger.db');
  let ledger: Ledger;
  let app: FastifyInstance;

  beforeAll(async () => {
    ledger = await buildLedger(undefined, {
      eventStore: new SqliteEventStore(file),
      readStore: new SqliteReadStore(file),
    });
    app = buildApp(ledger);
  });
  afterAll(async () => {
    await app.close();
    await ledger.readStore.close();
    await ledger.eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the same JSON as `taskledger verify --format json`', async () => {
    const response = await app.inject({ url: '/verify' });
    expect(response.statusCode).toBe(200);
    const expected = JSON.parse(JSON.stringify(await ledgerVerification(ledger.eventStore)));
    expect(response.json()).toEqual(expected);
    expect(response.json()).toMatchObject({ ok: true, stream: null, brokenLinks: 0 });
    expect(response.json().events).toBeGreaterThan(0);
  });

  it('verifies one stream, and answers 404 for a stream the ledger does not hold, 400 for a malformed name', async () => {
    expect((await app.inject({ url: '/verify?stream=task-B-1' })).json()).toMatchObject({ ok: true, streams: 1 });
    const missing = await app.inject({ url: '/verify?stream=task-NOPE' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().reason).toContain('no stream named "task-NOPE"');
    expect((await app.inject({ url: '/verify?stream=' })).statusCode).toBe(400);
  });

  it('says ok: false and names the event after one byte of its data was edited in the file', async () => {
    const db = new Database(file);
    const row = db
      .prepare("SELECT position, id, data FROM events WHERE stream = 'task-B-2' AND revision = 1")
      .get() as {
      position: number;
      id: string;
      data: string;
    };
    const edited = row.data.replace(/"taskId":"B-2"/, '"taskId":"B-3"');
    expect(edited).not.toBe(row.data);
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(edited, row.position);
    db.close();
    const response = await app.inject({ url: '/verify' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      ok: false,
      firstBrokenLink: {
        problem: 'hash-mismatch',
        stream: 'task-B-2',
        revision: 1,
        position: row.position,
        eventId: row.id,
      },
    });
  });
});
