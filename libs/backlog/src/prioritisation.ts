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

/** Backlog order: priority (critical first, unknown last), then `scoreTotal` descending (unscored last), then id. */
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

/** Why tasks are in no lane, each list by id. */
export interface LaneExclusions {
  /** Pending tasks without a `scoreTotal`: only scored tasks go to lanes. */
  noScore: string[];
  /** Scored pending tasks ranked after the last lane place. */
  lanesFull: string[];
  /** Declared done in the backlog or done by the caller's account. */
  done: string[];
}

const DEFAULT_LANE_SIZES = [5, 7, 8] as const;

/** Pending scored tasks by score descending (ties by id): the order lanes are filled in. */
const laneRanking = (tasks: readonly ParsedTask[], options: LaneOptions): string[] => {
  const done = doneIds(tasks, options);
  return tasks
    .filter((task) => !done.has(task.id) && task.scoreTotal !== null)
    .sort(byScoreThenId)
    .map((task) => task.id);
};

/**
 * P0/P1/P2 lanes as the backlog builds them: pending (not done) tasks that have a `scoreTotal`,
 * by score descending (ties by id), cut into lanes of 5, 7 and 8.
 */
export const priorityLanes = (tasks: readonly ParsedTask[], options: LaneOptions = {}): PriorityLanes => {
  const [p0Size, p1Size, p2Size] = options.sizes ?? DEFAULT_LANE_SIZES;
  const ranked = laneRanking(tasks, options);
  return {
    p0: ranked.slice(0, p0Size),
    p1: ranked.slice(p0Size, p0Size + p1Size),
    p2: ranked.slice(p0Size + p1Size, p0Size + p1Size + p2Size),
  };
};

const byId = (ids: string[]): string[] => ids.sort(compareTaskIds);

/** The tasks `priorityLanes` leaves out, with the reason. */
export const laneExclusions = (tasks: readonly ParsedTask[], options: LaneOptions = {}): LaneExclusions => {
  const places = (options.sizes ?? DEFAULT_LANE_SIZES).reduce((sum, size) => sum + size, 0);
  const done = doneIds(tasks, options);
  const pending = tasks.filter((task) => !done.has(task.id));
  return {
    noScore: byId(pending.filter((task) => task.scoreTotal === null).map((task) => task.id)),
    lanesFull: byId(laneRanking(tasks, options).slice(places)),
    done: byId(tasks.filter((task) => done.has(task.id)).map((task) => task.id)),
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

/** Why tasks are not in the AI-executable queue, each list by id. */
export interface QueueExclusions {
  /** No `default_executor` comment (and no fallback executor). */
  noExecutor: string[];
  humanRequired: string[];
  done: string[];
}

/** The tasks `aiExecutableQueue` leaves out, with the first reason that applies (done, human, executor). */
export const queueExclusions = (tasks: readonly ParsedTask[], options: QueueOptions = {}): QueueExclusions => {
  const done = doneIds(tasks, options);
  const pending = tasks.filter((task) => !done.has(task.id));
  const withoutExecutor = (task: ParsedTask) => (task.defaultExecutor ?? options.fallbackExecutor) === undefined;
  return {
    noExecutor: byId(pending.filter((task) => !task.humanRequired && withoutExecutor(task)).map((task) => task.id)),
    humanRequired: byId(pending.filter((task) => task.humanRequired).map((task) => task.id)),
    done: byId(tasks.filter((task) => done.has(task.id)).map((task) => task.id)),
  };
};

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
