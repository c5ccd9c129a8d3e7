import { isTaskledgerError } from '@taskledger/errors';
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { caughtError, rejectsWith } from '../test/expect-error';
import { tempDir } from '../test/temp-dir';
import { parseFindQuery } from './query';

import { describeReadStoreContract } from './read-store.contract';
import { SqliteReadStore } from './sqlite-read-store';
import { readColumnFields } from './sqlite-columns';
import { findSql, tableName } from './sqlite-query';

describeReadStoreContract('sqlite', async () => {
  const dir = tempDir('rs-contract');
  const path = dir.file('read.db');
  const store = new SqliteReadStore(path);
  return {
    store,
    openSecondClient: async () => new SqliteReadStore(path),
    cleanup: async () => {
      await store.close();
      dir.remove();
    },
  };
});

const openError = (path: string): unknown => caughtError((async () => new SqliteReadStore(path))());

describe('sqlite read store files', () => {
  const dir = tempDir('rs-files');
  afterAll(() => dir.remove());

  it('creates missing parent directories and keeps documents across reopen', async () => {
    const path = dir.file('nested/deeper/read.db');
    const first = new SqliteReadStore(path);
    await first.ensureCollection('tasks');
    await first.commit({
      changes: [{ op: 'put', collection: 'tasks', doc: { id: 't-1' } }],
      checkpoints: [{ name: 'p', position: '7', version: 1 }],
    });
    await first.close();
    const reopened = new SqliteReadStore(path);
    expect(await reopened.get('tasks', 't-1')).toEqual({ id: 't-1' });
    expect(await reopened.getCheckpoint('p')).toEqual({
      name: 'p',
      position: '7',
      version: 1,
      revision: expect.any(String),
    });
    await reopened.close();
  });

  it.each([
    [
      'a file that is not a SQLite database',
      () => writeFileSync(dir.file('notes.txt'), 'my notes, not a database\n'.repeat(200)),
      'notes.txt',
    ],
    ['a directory', () => mkdirSync(dir.file('folder')), 'folder'],
    ['a path under a regular file', () => writeFileSync(dir.file('plain'), 'x'), 'plain/read.db'],
  ])('refuses %s with StoreUnavailable naming the path', async (_, arrange, name) => {
    arrange();
    const error = await openError(dir.file(name));
    expect(isTaskledgerError(error, 'StoreUnavailable')).toBe(true);
    expect((error as Error).message).toContain(dir.file(name));
    expect((error as { details?: unknown }).details).toEqual({ path: dir.file(name) });
  });

  it('shares a file with an event store without touching its tables', async () => {
    const path = dir.file('ledger.db');
    const events = new Database(path);
    events.exec(
      "CREATE TABLE events (position INTEGER PRIMARY KEY, type TEXT); INSERT INTO events (type) VALUES ('TaskRegistered')",
    );
    const store = new SqliteReadStore(path);
    await store.ensureCollection('events');
    await store.put('events', { id: 'e-1' });
    await store.dropCollection('events');
    expect(events.prepare('SELECT type FROM events').pluck().all()).toEqual(['TaskRegistered']);
    await store.close();
    events.close();
  });

  it('fails with StoreBusy when another connection holds the write lock past the busy timeout', async () => {
    const path = dir.file('busy.db');
    const store = new SqliteReadStore(path, { busyTimeoutMs: 20 });
    await store.ensureCollection('tasks');
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    await rejectsWith(store.put('tasks', { id: 't-1' }), 'StoreBusy');
    other.exec('ROLLBACK');
    await store.put('tasks', { id: 't-1' });
    other.close();
    await store.close();
  });

  it('fails with StoreUnavailable once closed', async () => {
    const store = new SqliteReadStore(dir.file('closed.db'));
    await store.close();
    await rejectsWith(store.listCollections(), 'StoreUnavailable');
  });
});

describe('sqlite read store indexes and swaps across connections', () => {
  const dir = tempDir('rs-swap');
  afterAll(() => dir.remove());
  /** A fresh connection each time: EXPLAIN does not reload a schema another connection changed. */
  const plan = (path: string, query: Parameters<typeof parseFindQuery>[0]): string => {
    const db = new Database(path, { readonly: true });
    const { sql, params } = findSql(
      'executions',
      parseFindQuery(query),
      new Set(readColumnFields(db, tableName('executions'))),
    );
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    db.close();
    return rows.map((row) => row.detail).join('; ');
  };

  it('uses the declared indexes for filters and sorts, before and after a swap', async () => {
    const path = dir.file('swap.db');
    const writer = new SqliteReadStore(path);
    const reader = new SqliteReadStore(path);
    await writer.ensureCollection('executions', { indexes: [['status']] });
    await writer.put('executions', { id: 'old', status: 'live', taskId: 't', timestamp: 1 });
    expect((await reader.find('executions', { filter: { status: 'live' } })).items).toHaveLength(1);
    expect(plan(path, { filter: { status: 'live' } })).toMatch(/USING INDEX rs_ix_executions_status/);

    await writer.ensureCollection('executions__v2', { indexes: [['status'], ['taskId', 'timestamp']] });
    await writer.put('executions__v2', { id: 'new', status: 'rebuilt', taskId: 't', timestamp: 2 });
    await writer.swapCollection('executions__v2', 'executions');

    expect((await reader.find('executions', { filter: { status: 'rebuilt' } })).items).toEqual([
      { id: 'new', status: 'rebuilt', taskId: 't', timestamp: 2 },
    ]);
    expect(await reader.get('executions', 'old')).toBeNull();
    expect(plan(path, { filter: { status: 'rebuilt' } })).toMatch(/USING INDEX rs_ix_executions__v2_status/);
    const byTask = plan(path, { filter: { taskId: 't' }, sort: [{ field: 'timestamp', direction: 'desc' }] });
    expect(byTask).toMatch(/USING INDEX rs_ix_executions__v2_taskId_timestamp/);
    expect(byTask).not.toMatch(/TEMP B-TREE/);
    await Promise.all([writer.close(), reader.close()]);
  });

  it('builds deferred indexes on the next ensureCollection, also after a swap and on another connection', async () => {
    const path = dir.file('deferred.db');
    const [writer, other] = [new SqliteReadStore(path), new SqliteReadStore(path)];
    await writer.ensureCollection('executions__v2', { indexes: [['status']], deferIndexes: true });
    await writer.put('executions__v2', { id: 'e-1', status: 'done' });
    await writer.swapCollection('executions__v2', 'executions');
    expect(plan(path, { filter: { status: 'done' } })).not.toMatch(/rs_ix_/);
    await other.ensureCollection('executions', { indexes: [['status']] });
    expect(plan(path, { filter: { status: 'done' } })).toMatch(/USING INDEX rs_ix_executions__v2_status/);
    expect((await writer.find('executions', { filter: { status: 'done' } })).items).toEqual([
      { id: 'e-1', status: 'done' },
    ]);
    await Promise.all([writer.close(), other.close()]);
  });

  it('reports CollectionNotFound to a connection whose collection another connection dropped', async () => {
    const path = dir.file('drop.db');
    const [writer, reader] = [new SqliteReadStore(path), new SqliteReadStore(path)];
    await writer.ensureCollection('executions');
    await writer.put('executions', { id: 'e-1' });
    expect(await reader.get('executions', 'e-1')).toEqual({ id: 'e-1' });
    await writer.dropCollection('executions');
    await rejectsWith(reader.get('executions', 'e-1'), 'CollectionNotFound');
    await writer.ensureCollection('executions');
    expect(await reader.get('executions', 'e-1')).toBeNull();
    await Promise.all([writer.close(), reader.close()]);
  });
});
