import Database from 'better-sqlite3';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTaskledgerError } from '@taskledger/errors';
import { openSqliteDatabase, SqliteFile, sqliteFailure } from './sqlite-file';

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
};

describe('opening a SQLite file', () => {
  let dir: string;
  const file = (path: string): SqliteFile => ({ path, label: 'ledger database', busyTimeoutMs: 50 });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file and its directories, in WAL mode', () => {
    const path = join(dir, 'a', 'b', 'ledger.db');
    const db = openSqliteDatabase(file(path));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it.each([
    ['a directory', (path: string) => mkdirSync(path), 'is a directory'],
    ['a text file', (path: string) => writeFileSync(path, 'x'.repeat(4096)), 'is not a SQLite database'],
  ])('refuses %s, naming the file and what to do', (_, make, problem) => {
    const path = join(dir, 'ledger.db');
    make(path);
    const error = thrown(() => openSqliteDatabase(file(path)));
    expect(isTaskledgerError(error, 'StoreUnavailable')).toBe(true);
    expect((error as Error).message).toContain(`ledger database ${path} ${problem}`);
  });

  it('refuses a file this user cannot write', () => {
    if (process.getuid?.() === 0) {
      // root may write any file: check the mapping of SQLite's own read-only failure instead
      const error = sqliteFailure(file('/x.db'), Object.assign(new Error('readonly'), { code: 'SQLITE_READONLY' }));
      expect((error as Error).message).toContain('ledger database /x.db is read-only for this process');
      return;
    }
    const path = join(dir, 'ledger.db');
    openSqliteDatabase(file(path)).close();
    chmodSync(path, 0o444);
    expect((thrown(() => openSqliteDatabase(file(path))) as Error).message).toContain('is not readable and writable');
  });

  it('says which file stayed locked by another connection, and for how long', () => {
    const path = join(dir, 'ledger.db');
    const db = openSqliteDatabase(file(path));
    db.exec('CREATE TABLE t (x)');
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const error = sqliteFailure(
        file(path),
        thrown(() => db.exec('INSERT INTO t VALUES (1)')),
      );
      expect(isTaskledgerError(error, 'StoreBusy')).toBe(true);
      expect((error as Error).message).toBe(
        `ledger database ${path} stayed locked by another process for 50 ms; try again, or raise the busy timeout`,
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
      db.close();
    }
  });

  it('passes on errors that are not SQLite failures', () => {
    const error = new TypeError('not SQLite');
    expect(sqliteFailure(file('/x.db'), error)).toBe(error);
  });
});
