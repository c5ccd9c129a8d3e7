import { taskExecutionsProjection } from '@taskledger/projections';
import type { BacklogStatus, Priority } from '@taskledger/events';
import type { ExecutionStatus } from '@taskledger/projections';
import { FindResult, ReadStore, SortKey } from '@taskledger/read-store';
import { requireTask, TaskExecutionDoc, readModel } from './read-models.access';

/** Largest page `listTasks` returns. */
export const MAX_PAGE_SIZE = 500;
/** Page size when none is given. */
export const DEFAULT_PAGE_SIZE = 50;

/** Fields tasks can be sorted by. */
export const TASK_SORT_FIELDS = [
  'id',
  'updatedAt',
  'status',
  'priority',
  'backlogStatus',
  'completedAt',
  'executionTimeMs',
  'totalRetries',
] as const;
export type TaskSortField = (typeof TASK_SORT_FIELDS)[number];

export interface TaskFilter {
  status?: ExecutionStatus;
  backlogStatus?: BacklogStatus;
  priority?: Priority;
  humanRequired?: boolean;
}

export interface TaskListQuery {
  filter?: TaskFilter;
  /** Default: by id ascending. `priority` ascending is critical, high, medium, low, unknown. */
  sort?: { field: TaskSortField; direction: 'asc' | 'desc' };
  /** 1..500; default 50. */
  limit?: number;
  /** `nextCursor` of the previous page (same filter and sort). */
  cursor?: string | null;
}

/** Priority sorts by its rank (critical first ascending), not by the name's letters. */
const sortedField = (field: TaskSortField): string => (field === 'priority' ? 'priorityRank' : field);

/** A page of tasks; TaskledgerError('InvalidQuery') for a cursor that belongs to another sort. */
export const listTasks = (readStore: ReadStore, query: TaskListQuery = {}): Promise<FindResult<TaskExecutionDoc>> => {
  const sort: SortKey[] = query.sort ? [{ field: sortedField(query.sort.field), direction: query.sort.direction }] : [];
  const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  return readModel(readStore, taskExecutionsProjection).find({
    filter: { ...query.filter },
    sort,
    limit,
    cursor: query.cursor ?? null,
  });
};

/** One task's definition and execution state; TaskledgerError('NotFound') when unknown. */
export const getTask = (readStore: ReadStore, taskId: string): Promise<TaskExecutionDoc> =>
  requireTask(readStore, taskId);
