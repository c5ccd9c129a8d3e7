import { TaskledgerError } from '@taskledger/errors';
import type { ClientSession, MongoClient } from 'mongodb';

const UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoClientClosedError',
  'MongoServerClosedError',
]);

/**
 * Server codes of a node that cannot take writes now but will: not primary (yet), no replica
 * set config received, stepping down or shutting down.
 */
const NOT_READY_CODES = new Set([10107, 13435, 13436, 94, 11600, 11602, 189, 91]);

const NAMESPACE_EXISTS = 48;
const NAMESPACE_NOT_FOUND = 26;
const ILLEGAL_OPERATION = 20;

/** The connection string without its password, fit for messages and logs. */
export const redactUrl = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

const serverCode = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;
export const isNamespaceExists = (error: unknown): boolean => serverCode(error) === NAMESPACE_EXISTS;
export const isNamespaceNotFound = (error: unknown): boolean => serverCode(error) === NAMESPACE_NOT_FOUND;

/** Maps driver failures to typed errors naming the (redacted) server; other errors pass through. */
export const mongoError = (url: string, error: unknown): unknown => {
  if (error instanceof TaskledgerError) return error;
  const server = redactUrl(url);
  const name = (error as Error | null)?.name ?? '';
  if (name === 'MongoParseError' || name === 'MongoInvalidArgumentError') {
    const message = `the read store URL ${server} is not a valid MongoDB connection string (${(error as Error).message}); fix TASKLEDGER_READ_STORE (e.g. mongodb://localhost:27017/taskledger?directConnection=true)`;
    return new TaskledgerError('InvalidConfig', message, { url: server }, { cause: error });
  }
  if (UNAVAILABLE.has(name) || NOT_READY_CODES.has(serverCode(error) as number)) {
    const message = `read store MongoDB ${server} is unavailable (${(error as Error).message})`;
    return new TaskledgerError('StoreUnavailable', message, { url: server }, { cause: error });
  }
  if (serverCode(error) === ILLEGAL_OPERATION && /[Tt]ransaction/.test((error as Error).message)) {
    const problem = 'does not support transactions; run it as a replica set (a single-node one will do)';
    return new TaskledgerError(
      'StoreUnavailable',
      `read store MongoDB ${server} ${problem}`,
      { url: server },
      { cause: error },
    );
  }
  return error;
};

const QUERY_PLAN_KILLED = 175;

/**
 * Runs a read again, once, if a swap killed its cursor (renameCollection with dropTarget kills
 * the cursors open on both collections): the second read sees the swapped collection.
 */
export const retryIfCursorKilled = async <T>(read: () => Promise<T>): Promise<T> => {
  try {
    return await read();
  } catch (error) {
    if (serverCode(error) !== QUERY_PLAN_KILLED) throw error;
    return read();
  }
};

/** Runs `work` in one transaction; the driver retries it on transient errors, so it must be repeatable. */
export const inTransaction = async (
  client: MongoClient,
  work: (session: ClientSession) => Promise<void>,
): Promise<void> => {
  const session = client.startSession();
  try {
    await session.withTransaction(() => work(session));
  } finally {
    await session.endSession();
  }
};

/**
 * The driver is loaded on connect, not on import, so processes that only use the embedded
 * SQLite store do not pay for loading it.
 */
export const loadDriver = (): typeof import('mongodb') => require('mongodb') as typeof import('mongodb');
