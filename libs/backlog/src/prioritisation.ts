import type { ParsedTask, Priority } from './backlog.types';
import { doneIds, type DoneOptions } from './done-set';
import { compareTaskIds } from './task-ids';

const PRIORITY_RANK: Readonly<Record<Priority, number>> = { critical: 0, high: 1, medium: 2, low: 3, unknown: 4 };

type Ranked = Pick<ParsedTask, 'id' | 'priority' | 'scoreTotal'>;

const byScoreThenId = (a: Ranked, b: Ranked): number => {
  if (a.scoreTotal !== b.scoreTotal) {
    if (a.scoreTotal === null) return 1;
    if (b.scoreTotal === null) return -1;
    return b.scoreTotal - a.scoreTotal;
  }
  return compareTaskIds(a.id, b.id);
};

/** The seed's order: priority (critical first, unknown last), then `scoreTotal` descending (unscored last), then id. */
export const compareByPriority = (a: Ranked, b: Ranked): number =>
  PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || byScoreThenId(a, b);

export const sortByPriority = (tasks: readonly ParsedTask[]): ParsedTask[] => [...tasks].sort(compareByPriority);

export interface LaneOptions extends DoneOptions {
  /** How many tasks go to P0, P1 and P2. Default `[5, 7, 8]`, the sizes the backlog's own lanes use. */
  sizes?: readonly [number, number, number];
}

export interface PriorityLanes {
  p0: string[];
  p1: string[];
  p2: string[];
}

/**
 * P0/P1/P2 lanes as the backlog builds them: pending (not done) tasks that have a `scoreTotal`,
 * by score descending (ties by id), cut into lanes of 5, 7 and 8.
 */
export const priorityLanes = (tasks: readonly ParsedTask[], options: LaneOptions = {}): PriorityLanes => {
  const [p0Size, p1Size, p2Size] = options.sizes ?? [5, 7, 8];
  const done = doneIds(tasks, options);
  const ranked = tasks
    .filter((task) => !done.has(task.id) && task.scoreTotal !== null)
    .sort(byScoreThenId)
    .map((task) => task.id);
  return {
    p0: ranked.slice(0, p0Size),
    p1: ranked.slice(p0Size, p0Size + p1Size),
    p2: ranked.slice(p0Size + p1Size, p0Size + p1Size + p2Size),
  };
};

export interface QueueOptions extends DoneOptions {
  /** Executor assumed for tasks without a `default_executor` comment. Default: none, such tasks are not queued. */
  fallbackExecutor?: string;
}

export interface QueuedTask {
  taskId: string;
  executor: string;
}

/** Tasks an AI executor may take: pending, not human-required, with an executor; in priority order. */
export const aiExecutableQueue = (tasks: readonly ParsedTask[], options: QueueOptions = {}): QueuedTask[] => {
  const done = doneIds(tasks, options);
  return sortByPriority(tasks)
    .filter((task) => !done.has(task.id) && !task.humanRequired)
    .flatMap((task) => {
      const executor = task.defaultExecutor ?? options.fallbackExecutor;
      return executor === undefined ? [] : [{ taskId: task.id, executor }];
    });
};
