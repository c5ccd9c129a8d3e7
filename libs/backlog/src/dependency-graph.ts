import type { ParsedTask } from './backlog.types';
import { doneIds, type DoneOptions } from './done-set';
import { stronglyConnected } from './strongly-connected';
import { compareTaskIds } from './task-ids';

/** Tasks with their resolved dependency edges and the effective done set. */
export interface DependencyGraph {
  /** Task ids in backlog order. */
  readonly ids: readonly string[];
  readonly tasks: ReadonlyMap<string, ParsedTask>;
  /** Declared done in the backlog, plus the caller's `done` ids. */
  readonly done: ReadonlySet<string>;
  /** Resolved dependencies of a task (only ids of tasks in the graph). */
  dependenciesOf(id: string): readonly string[];
  /** Dependencies of a task that are not done. */
  pendingDependenciesOf(id: string): readonly string[];
}

export const buildDependencyGraph = (tasks: readonly ParsedTask[], options: DoneOptions = {}): DependencyGraph => {
  const byId = new Map(tasks.map((task) => [task.id, task] as const));
  const done = doneIds(tasks, options);
  const edges = new Map(tasks.map((task) => [task.id, task.dependencies.filter((dep) => byId.has(dep))] as const));
  const pending = new Map([...edges].map(([id, deps]) => [id, deps.filter((dep) => !done.has(dep))] as const));
  return {
    ids: [...byId.keys()],
    tasks: byId,
    done,
    dependenciesOf: (id) => edges.get(id) ?? [],
    pendingDependenciesOf: (id) => pending.get(id) ?? [],
  };
};

export interface MissingDependency {
  taskId: string;
  /** A task id (`not_done`) or the text as written (`not_found`). */
  dependency: string;
  reason: 'not_found' | 'not_done';
}

/** What `validate` checks: for every task not done, each dependency that does not exist or is not done. */
export const missingDependencies = (graph: DependencyGraph): MissingDependency[] =>
  graph.ids
    .filter((id) => !graph.done.has(id))
    .flatMap((taskId) => [
      ...graph
        .pendingDependenciesOf(taskId)
        .map((dependency): MissingDependency => ({ taskId, dependency, reason: 'not_done' })),
      ...(graph.tasks.get(taskId)?.unresolvedDependencies ?? []).map((dependency): MissingDependency => ({
        taskId,
        dependency,
        reason: 'not_found',
      })),
    ]);

export interface DependencyCycle {
  /** Closed path, first id repeated at the end: `['B-1', 'B-2', 'B-1']`. */
  path: string[];
  /** `B-1 → B-2 → B-1`. */
  display: string;
  /** Every task in the same strongly connected component (natural id order). */
  members: string[];
}

/** Shortest closed path from `start` back to itself, staying inside `members`. */
const shortestCycle = (graph: DependencyGraph, start: string, members: ReadonlySet<string>): string[] => {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as string;
    for (const dep of graph.dependenciesOf(node)) {
      if (!members.has(dep)) continue;
      if (dep === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at))
          path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(dep)) {
        previous.set(dep, node);
        queue.push(dep);
      }
    }
  }
  return [start, start];
};

/**
 * Dependency cycles, one per strongly connected component (plus self-dependencies): the shortest
 * cycle through the component's first id, and all its members. Done state does not matter here.
 */
export const findDependencyCycles = (graph: DependencyGraph): DependencyCycle[] =>
  stronglyConnected(graph.ids, graph.dependenciesOf)
    .filter(
      (component) =>
        component.length > 1 || graph.dependenciesOf(component[0] as string).includes(component[0] as string),
    )
    .map((component) => {
      const members = [...component].sort(compareTaskIds);
      const path = shortestCycle(graph, members[0] as string, new Set(members));
      return { path, display: path.join(' → '), members };
    })
    .sort((a, b) => compareTaskIds(a.members[0] as string, b.members[0] as string));
