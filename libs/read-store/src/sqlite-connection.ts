import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { collectionNotFound, ReadStoreError } from './read-store.errors';

const errorCode = (error: unknown): string => String((error as { code?: unknown } | null)?.code ?? '');

/**
 * Page cache per connection. SQLite's default (2 MiB) is far smaller than the indexes of a read
 * model built from a million events, and every write into them then rereads pages from the OS:
 * 64 MiB made such writes more than twice as fast.
 */
const CACHE_KIB = 65_536;

const unavailable = (path: string, problem: string, cause?: unknown): ReadStoreError =>
  new ReadStoreError('StoreUnavailable', `read store database ${path} ${problem}`, { path }, { cause });

/**
 * Opens (creating it and its directory if needed) a SQLite database in WAL mode with a busy
 * timeout, and proves it is a writable SQLite database before returning it.
 */
export const openSqliteDatabase = (path: string, busyTimeoutMs: number): Database.Database => {
  if (path !== ':memory:') prepareDirectory(path);
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw unavailable(
      path,
      `cannot be opened (${(error as Error).message}); check the path and its permissions`,
      error,
    );
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.exec('BEGIN IMMEDIATE; COMMIT;');
  } catch (error) {
    db.close();
    throw sqliteError(path, error);
  }
  return db;
};

const prepareDirectory = (path: string): void => {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw unavailable(
      path,
      `cannot be created: its directory cannot be made (${errorCode(error) || (error as Error).message})`,
      error,
    );
  }
  const isDirectory = (() => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  })();
  if (isDirectory) throw unavailable(path, 'is a directory; point the read store at a database file');
};

/** Maps SQLite failures to typed errors that name the file; other errors pass through. */
export const sqliteError = (path: string, error: unknown): unknown => {
  if (error instanceof ReadStoreError) return error;
  const code = errorCode(error);
  const message = (error as Error | null)?.message ?? '';
  const missing = /no such table: (?:main\.)?rs_([a-z][a-z0-9_-]*)/.exec(message);
  if (missing?.[1] !== undefined) return collectionNotFound(missing[1]);
  if (code.startsWith('SQLITE_BUSY')) {
    const message = `read store database ${path} stayed locked by another process; try again`;
    return new ReadStoreError('StoreBusy', message, { path }, { cause: error });
  }
  if (code === 'SQLITE_NOTADB') return unavailable(path, 'is not a SQLite database; choose another path', error);
  if (code.startsWith('SQLITE_READONLY')) {
    return unavailable(path, 'is read-only for this process; fix its permissions or choose another path', error);
  }
  if (/^SQLITE_(CANTOPEN|CORRUPT|IOERR|FULL|PERM)/.test(code))
    return unavailable(path, `cannot be used (${message})`, error);
  return error;
};
