import { isTaskledgerError, TaskledgerError } from '@taskledger/errors';
import { Doc, taskExecutionsProjection } from '@taskledger/projections';
import type {
  ErrorStatisticsDoc,
  ExecutionHistoryDoc,
  PerformanceMetricsDoc,
  TaskExecutionDoc,
} from '@taskledger/projections';
import { Filter, FindQuery, FindResult, ReadStore } from '@taskledger/read-store';

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

/** A projection's documents, typed as its `evolve` builds them; a read model never built reads as empty. */
export interface ReadModel<D> {
  get(id: string): Promise<D | null>;
  /** One result per id, in order; null where there is no document. */
  getMany(ids: readonly string[]): Promise<(D | null)[]>;
  find(query?: FindQuery): Promise<FindResult<D>>;
  /** Every matching document, read page by page. */
  findAll(query?: Omit<FindQuery, 'limit' | 'cursor'>): Promise<D[]>;
  count(filter?: Filter): Promise<number>;
}

/** What readModel needs of a projection: its name (the collection) and the documents its evolve builds. */
interface Written<D extends Doc> {
  readonly name: string;
  evolve(doc: D | null, ...rest: never[]): D | null;
}

/** The read model a projection writes (its collection is its name), e.g. `readModel(store, taskExecutionsProjection).get(id)`. */
export const readModel = <D extends Doc>(store: ReadStore, projection: Written<D>): ReadModel<D> => {
  const collection = projection.name;
  const find = (query: FindQuery = {}) =>
    emptyWhenMissing(() => store.find<D>(collection, query), { items: [], nextCursor: null });
  return {
    get: (id) => emptyWhenMissing(() => store.get<D>(collection, id), null),
    getMany: (ids) =>
      emptyWhenMissing(
        () => store.getMany<D>(collection, ids),
        ids.map(() => null),
      ),
    find,
    findAll: async (query = {}) => {
      const all: D[] = [];
      let cursor: string | null = null;
      do {
        const page: FindResult<D> = await find({ ...query, limit: 1000, cursor });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return all;
    },
    count: (filter = {}) => emptyWhenMissing(() => store.count(collection, filter), 0),
  };
};

export const taskNotFound = (taskId: string): TaskledgerError =>
  new TaskledgerError('NotFound', `task ${taskId} not found`, { taskId });

/** The task's document; TaskledgerError('NotFound') when the ledger has never heard of it. */
export const requireTask = async (store: ReadStore, taskId: string): Promise<TaskExecutionDoc> => {
  const task = await readModel(store, taskExecutionsProjection).get(taskId);
  if (task === null) throw taskNotFound(taskId);
  return task;
};
