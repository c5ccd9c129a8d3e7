import { TaskledgerError, isTaskledgerError } from '@taskledger/errors';
import type {
  ErrorStatisticsDoc,
  ExecutionHistoryDoc,
  PerformanceMetricsDoc,
  TaskExecutionDoc,
} from '@taskledger/projections';
import {
  errorStatisticsProjection,
  executionHistoryProjection,
  performanceMetricsProjection,
  taskExecutionsProjection,
} from '@taskledger/projections';
import { Filter, FindQuery, FindResult, ReadStore, StoredDocument } from '@taskledger/read-store';

/** The read models' collections (each projection's name is its collection). */
export const TASKS = taskExecutionsProjection.name;
export const HISTORY = executionHistoryProjection.name;
export const METRICS = performanceMetricsProjection.name;
export const ERRORS = errorStatisticsProjection.name;
export const GLOBAL_ID = '_global';

export type { ErrorStatisticsDoc, ExecutionHistoryDoc, PerformanceMetricsDoc, TaskExecutionDoc };

/** A read model that was never built (fresh ledger) reads as empty, not as an error. */
const emptyWhenMissing = async <T>(read: () => Promise<T>, empty: T): Promise<T> => {
  try {
    return await read();
  } catch (error) {
    if (isTaskledgerError(error, 'CollectionNotFound')) return empty;
    throw error;
  }
};

export const findDocs = <T extends StoredDocument>(
  store: ReadStore,
  collection: string,
  query: FindQuery = {},
): Promise<FindResult<T>> => emptyWhenMissing(() => store.find<T>(collection, query), { items: [], nextCursor: null });

/** Every matching document, read page by page. */
export const findAll = async <T extends StoredDocument>(
  store: ReadStore,
  collection: string,
  query: Omit<FindQuery, 'limit' | 'cursor'> = {},
): Promise<T[]> => {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: FindResult<T> = await findDocs<T>(store, collection, { ...query, limit: 1000, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return all;
};

export const countDocs = (store: ReadStore, collection: string, filter: Filter = {}): Promise<number> =>
  emptyWhenMissing(() => store.count(collection, filter), 0);

export const getDoc = <T extends StoredDocument>(store: ReadStore, collection: string, id: string): Promise<T | null> =>
  emptyWhenMissing(() => store.get<T>(collection, id), null);

export const getDocs = <T extends StoredDocument>(
  store: ReadStore,
  collection: string,
  ids: readonly string[],
): Promise<(T | null)[]> =>
  emptyWhenMissing(
    () => store.getMany<T>(collection, ids),
    ids.map(() => null),
  );

export const taskNotFound = (taskId: string): TaskledgerError =>
  new TaskledgerError('NotFound', `task ${taskId} not found`, { taskId });

/** The task's document; TaskledgerError('NotFound') when the ledger has never heard of it. */
export const requireTask = async (store: ReadStore, taskId: string): Promise<TaskExecutionDoc> => {
  const task = await getDoc<TaskExecutionDoc>(store, TASKS, taskId);
  if (task === null) throw taskNotFound(taskId);
  return task;
};
