import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { TaskledgerError } from '@taskledger/errors';

/** A SQLite file as its store names it in messages. */
export interface SqliteFile {
  readonly path: string;
  /** What the file holds, for messages: 'ledger database', 'read store database'. */
  readonly label: string;
  /** How long a write waits for another connection's lock before failing with StoreBusy. */
  readonly busyTimeoutMs: number;
}

/**
 * Page cache per connection. SQLite's default (2 MiB) is far smaller than the indexes of a
 * million-event ledger or of a read model built from it, and every write into them then rereads
 * pages from the OS: 64 MiB made such writes more than twice as fast.
 */
const CACHE_KIB = 65_536;

const errorCode = (error: unknown): string => String((error as { code?: unknown } | null)?.code ?? '');

const unavailable = (file: SqliteFile, problem: string, cause?: unknown): TaskledgerError =>
  new TaskledgerError('StoreUnavailable', `${file.label} ${file.path} ${problem}`, { path: file.path }, { cause });

/**
 * Opens (creating it and its directory if needed) a SQLite database in WAL mode, with a busy
 * timeout so a writer waits for another process's lock instead of failing at once, and proves
 * it is a writable SQLite database before returning it. Every failure names the file and says
 * what to do.
 */
export const openSqliteDatabase = (file: SqliteFile): Database.Database => {
  if (file.path !== ':memory:') prepareFile(file);
  let db: Database.Database;
  try {
    db = new Database(file.path);
  } catch (error) {
    throw unavailable(
      file,
      `cannot be opened (${(error as Error).message}); check the path and its permissions`,
      error,
    );
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(file.busyTimeoutMs))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.exec('BEGIN IMMEDIATE; COMMIT;');
  } catch (error) {
    db.close();
    throw sqliteFailure(file, error);
  }
  return db;
};

const prepareFile = (file: SqliteFile): void => {
  try {
    mkdirSync(dirname(file.path), { recursive: true });
  } catch (error) {
    const reason = errorCode(error) || (error as Error).message;
    throw unavailable(file, `cannot be created: its directory cannot be made (${reason})`, error);
  }
  if (!existsSync(file.path)) return;
  if (statSync(file.path).isDirectory()) throw unavailable(file, 'is a directory; point the store setting at a file');
  try {
    accessSync(file.path, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw unavailable(
      file,
      'is not readable and writable by this user; fix its permissions or choose another path',
      error,
    );
  }
};

/** Maps SQLite's lock, permission and file failures to typed errors that name the file; others pass through. */
export const sqliteFailure = (file: SqliteFile, error: unknown): unknown => {
  if (error instanceof TaskledgerError) return error;
  const code = errorCode(error);
  if (code.startsWith('SQLITE_BUSY')) {
    const message = `${file.label} ${file.path} stayed locked by another process for ${file.busyTimeoutMs} ms; try again, or raise the busy timeout`;
    return new TaskledgerError('StoreBusy', message, { path: file.path }, { cause: error });
  }
  if (code === 'SQLITE_NOTADB')
    return unavailable(file, 'is not a SQLite database; point the store setting at a ledger file or a new path', error);
  if (code.startsWith('SQLITE_READONLY'))
    return unavailable(file, 'is read-only for this process; fix its permissions or choose another path', error);
  if (/^SQLITE_(CANTOPEN|CORRUPT|IOERR|FULL|PERM)/.test(code))
    return unavailable(file, `cannot be used (${(error as Error).message})`, error);
  return error;
};
