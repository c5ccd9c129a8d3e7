import { isTaskledgerError } from '@taskledger/errors';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';

import { tempDir } from '../test/temp-dir';
import { caughtError, describeEventStoreContract, someEvents } from './event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

describeEventStoreContract('sqlite', async () => {
  const dir = tempDir('es-contract');
  const path = dir.file('ledger.db');
  const store = new SqliteEventStore(path, { pollIntervalMs: 10 });
  return {
    store,
    openSecondClient: async () => new SqliteEventStore(path, { pollIntervalMs: 10 }),
    cleanup: async () => {
      await store.close();
      dir.remove();
    },
  };
});

describe('sqlite event store files', () => {
  const dir = tempDir('es-files');
  afterAll(() => dir.remove());

  it('creates missing parent directories and keeps events across reopen', async () => {
    const path = dir.file('nested/deeper/ledger.db');
    const first = new SqliteEventStore(path);
    await first.append('task-B-1', someEvents('B-1', 2), { expectedRevision: 'no_stream' });
    await first.close();
    const reopened = new SqliteEventStore(path);
    expect(await reopened.streamRevision('task-B-1')).toBe(1);
    await reopened.close();
  });

  it('refuses a file that is not a SQLite database, naming it', () => {
    const path = dir.file('notes.txt');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(200));
    const error = (() => {
      try {
        return new SqliteEventStore(path);
      } catch (caught) {
        return caught;
      }
    })();
    expect(isTaskledgerError(error, 'StoreUnavailable')).toBe(true);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain('is not a SQLite database');
  });

  it('refuses a path whose directory cannot be made, naming it', () => {
    const blocker = dir.file('plain-file');
    writeFileSync(blocker, 'x');
    const path = `${blocker}/ledger.db`;
    expect(() => new SqliteEventStore(path)).toThrow(`ledger database ${path} cannot be created`);
  });

  it('reads an event written at an older schema version upcast, with where it sits', async () => {
    const path = dir.file('old-version.db');
    const store = new SqliteEventStore(path);
    await store.append('task-B-3', someEvents('B-3', 1), { expectedRevision: 'no_stream' });
    const raw = new Database(path);
    const v1 = { taskId: 'B-3', executionId: '00000000-0000-4000-8000-000000000008', attempt: 1, durationSeconds: 2 };
    const metadata = {
      occurredAt: '2026-01-01T00:00:00.000Z',
      correlationId: 'c',
      causationId: null,
      actor: 'test',
      schemaVersion: 1,
    };
    raw
      .prepare('INSERT INTO events (stream, revision, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)')
      .run(
        'task-B-3',
        1,
        '00000000-0000-4000-8000-000000000009',
        'TaskExecutionCompleted',
        JSON.stringify(v1),
        JSON.stringify(metadata),
      );
    raw.close();
    const [, upcast] = await store.readStream('task-B-3');
    expect(upcast).toMatchObject({
      type: 'TaskExecutionCompleted',
      data: { durationMs: 2000 },
      metadata: { schemaVersion: 2 },
      streamName: 'task-B-3',
      revision: 1,
    });
    expect(upcast!.position).toEqual({ commit: 2n, prepare: 2n });
    await store.close();
  });

  it('waits for a lock held by another connection, then fails with a clear message', async () => {
    const path = dir.file('locked.db');
    const store = new SqliteEventStore(path, { busyTimeoutMs: 50 });
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const error = await caughtError(store.append('task-B-2', someEvents('B-2', 1), { expectedRevision: 'any' }));
      expect(isTaskledgerError(error, 'StoreBusy')).toBe(true);
      expect((error as Error).message).toMatch(/locked\.db stayed locked by another process for 50 ms/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      await store.close();
    }
  });
});
