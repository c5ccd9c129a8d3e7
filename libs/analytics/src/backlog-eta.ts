import { buildDependencyGraph, DependencyGraph, executionOrder, ParsedTask } from '@taskledger/backlog';
import type { TaskExecutionDoc } from '@taskledger/projections';
import type { DurationEstimate } from './duration-estimate';

/** What a task without history is assumed to take (e.g. the median over all tasks); null counts it as 0. */
export interface FallbackEstimate {
  medianMs: number;
  p95Ms: number;
}

export interface BacklogEta {
  /** Tasks still to do: in the backlog, not marked done there and not completed in the ledger. */
  pendingTasks: number;
  /** Pending tasks with no completed execution: they are estimated with the fallback (or 0). */
  tasksWithoutHistory: number;
  fallback: FallbackEstimate | null;
  /** Pending tasks in, or waiting on, a dependency cycle: left out of the path. */
  blockedByCycle: string[];
  /** The chain of pending dependencies with the largest sum of median estimates (runs first to last). */
  criticalPath: { taskIds: string[]; medianMs: number; p95Ms: number };
  /** Every pending task one after another (a single runner). */
  serial: { medianMs: number; p95Ms: number };
}

type Planned = Pick<
  TaskExecutionDoc,
  'id' | 'title' | 'priority' | 'points' | 'backlogStatus' | 'dependencies' | 'scoreTotal'
>;

/** The fields the dependency graph reads, with neutral values for the ones the read model does not keep. */
const asParsedTask = (task: Planned): ParsedTask => ({
  id: task.id,
  rawId: task.id,
  title: task.title,
  priority: task.priority,
  priorityIcon: null,
  points: task.points,
  backlogStatus: task.backlogStatus,
  backlogStatusRaw: null,
  description: null,
  techFootprint: null,
  dependencies: task.dependencies,
  unresolvedDependencies: [],
  scoreTotal: task.scoreTotal,
  score: null,
  humanRequired: false,
  humanReason: null,
  defaultExecutor: null,
  runCommand: null,
  estHours: null,
  completionDate: null,
  meta: {},
  source: { path: '', line: 0 },
});

const planGraph = (tasks: readonly TaskExecutionDoc[]): DependencyGraph => {
  const inBacklog = tasks.filter((task) => task.registered && !task.removedFromBacklog);
  const completed = inBacklog.filter((task) => task.status === 'completed').map((task) => task.id);
  return buildDependencyGraph(inBacklog.map(asParsedTask), { done: completed });
};

interface Finish {
  medianMs: number;
  p95Ms: number;
  /** Tasks on the chain ending here: among equal medians the longer chain is the critical one. */
  length: number;
  previous: string | null;
}

const longer = (a: Finish, b: Finish): boolean =>
  a.medianMs > b.medianMs || (a.medianMs === b.medianMs && a.length > b.length);

/** Longest path by median over a topological order: each task finishes after its slowest pending dependency. */
const longestPaths = (
  graph: DependencyGraph,
  order: readonly string[],
  estimate: (id: string) => FallbackEstimate,
): Map<string, Finish> => {
  const finish = new Map<string, Finish>();
  for (const id of order) {
    let best: Finish = { medianMs: 0, p95Ms: 0, length: 0, previous: null };
    for (const dep of graph.pendingDependenciesOf(id)) {
      const before = finish.get(dep);
      if (before && longer(before, best)) best = { ...before, previous: dep };
    }
    const own = estimate(id);
    finish.set(id, {
      medianMs: best.medianMs + own.medianMs,
      p95Ms: best.p95Ms + own.p95Ms,
      length: best.length + 1,
      previous: best.previous,
    });
  }
  return finish;
};

const pathTo = (finish: ReadonlyMap<string, Finish>, last: string | null): string[] => {
  const path: string[] = [];
  for (let at = last; at !== null; at = finish.get(at)?.previous ?? null) path.unshift(at);
  return path;
};

/**
 * Remaining work of the backlog: pending tasks ordered by their pending dependencies, each taking
 * its median (and p95) estimate; the critical path is the dependency chain with the largest
 * median sum (ties: the earliest in execution order). p95 sums are pessimistic bounds.
 */
export const backlogEta = (
  tasks: readonly TaskExecutionDoc[],
  estimates: ReadonlyMap<string, DurationEstimate>,
  fallback: FallbackEstimate | null = null,
): BacklogEta => {
  const graph = planGraph(tasks);
  const { order, blockedByCycle } = executionOrder(graph);
  const known = (id: string) => estimates.get(id)?.medianMs != null;
  const estimate = (id: string): FallbackEstimate => {
    const found = estimates.get(id);
    if (found?.medianMs != null) return { medianMs: found.medianMs, p95Ms: found.p95Ms ?? found.medianMs };
    return fallback ?? { medianMs: 0, p95Ms: 0 };
  };
  const finish = longestPaths(graph, order, estimate);
  let last: string | null = null;
  let end: Finish | null = null;
  for (const id of order) {
    const candidate = finish.get(id);
    if (candidate !== undefined && (end === null || longer(candidate, end))) [last, end] = [id, candidate];
  }
  const sum = (pick: (e: FallbackEstimate) => number) => order.reduce((total, id) => total + pick(estimate(id)), 0);
  return {
    pendingTasks: order.length + blockedByCycle.length,
    tasksWithoutHistory: [...order, ...blockedByCycle].filter((id) => !known(id)).length,
    fallback,
    blockedByCycle,
    criticalPath: {
      taskIds: pathTo(finish, last),
      medianMs: round3(end?.medianMs ?? 0),
      p95Ms: round3(end?.p95Ms ?? 0),
    },
    serial: { medianMs: round3(sum((e) => e.medianMs)), p95Ms: round3(sum((e) => e.p95Ms)) },
  };
};

const round3 = (value: number): number => Math.round(value * 1000) / 1000;
