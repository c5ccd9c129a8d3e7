import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LedgerError } from '@taskledger/events';

/** Page cache per connection: 64 MiB keeps the hot index pages of a million-event ledger in memory. */
const CACHE_KIB = 65_536;

const errorCode = (error: unknown): string => (error as { code?: string }).code ?? '';

/**
 * Opens (creating if needed) a SQLite database in WAL mode, with a busy timeout so a
 * writer waits for another process's lock instead of failing at once. Every failure names
 * the file and says what to do.
 */
export const openSqliteDatabase = (path: string, busyTimeoutMs: number): Database.Database => {
  if (path !== ':memory:') prepareFile(path);
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw unavailable(
      path,
      `cannot be opened (${(error as Error).message}); check that the directory exists and is writable`,
    );
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = -${CACHE_KIB}`);
  } catch (error) {
    db.close();
    if (errorCode(error) === 'SQLITE_NOTADB') {
      throw unavailable(path, 'is not a SQLite database; point the store setting at a ledger file or a new path');
    }
    throw unavailable(path, `cannot be used (${(error as Error).message})`);
  }
  return db;
};

const prepareFile = (path: string): void => {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw unavailable(
      path,
      `cannot be created: its directory cannot be made (${errorCode(error) || (error as Error).message})`,
    );
  }
  if (!existsSync(path)) return;
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
  } catch {
    throw unavailable(path, 'is not readable and writable by this user; fix its permissions or choose another path');
  }
};

const unavailable = (path: string, problem: string): LedgerError =>
  new LedgerError('StoreUnavailable', `ledger database ${path} ${problem}`, { path });

/** Maps SQLite's lock and permission failures during a write to clear, typed errors. */
export const sqliteWriteError = (path: string, busyTimeoutMs: number, error: unknown): unknown => {
  const code = errorCode(error);
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_')) {
    return new LedgerError(
      'StoreBusy',
      `ledger database ${path} stayed locked by another process for ${busyTimeoutMs} ms; try again, or raise the busy timeout`,
      { path },
    );
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) {
    return unavailable(path, 'is read-only for this process; fix its permissions or choose another path');
  }
  return error;
};
