import type { DependencyGraph } from './dependency-graph';
import { PriorityHeap } from './priority-heap';
import { compareByPriority } from './prioritisation';
import { stronglyConnected } from './strongly-connected';

const pendingIds = (graph: DependencyGraph): string[] => graph.ids.filter((id) => !graph.done.has(id));

/**
 * How deep each pending task sits in its chain of pending dependencies: 0 when none of its
 * dependencies is pending, otherwise 1 + the deepest pending dependency. Tasks in a cycle share
 * their cycle's depth. Linear in tasks + edges.
 */
export const dependencyDepths = (graph: DependencyGraph): Map<string, number> => {
  const depths = new Map<string, number>();
  for (const component of stronglyConnected(pendingIds(graph), graph.pendingDependenciesOf)) {
    const members = new Set(component);
    let depth = 0;
    for (const member of component) {
      for (const dep of graph.pendingDependenciesOf(member)) {
        if (!members.has(dep)) depth = Math.max(depth, (depths.get(dep) ?? 0) + 1);
      }
    }
    for (const member of component) depths.set(member, depth);
  }
  return depths;
};

export interface DependencyChain {
  taskId: string;
  /** Every pending task this one waits for, directly or through others (nearest first). */
  blockers: string[];
  /** Length of the longest chain of pending dependencies below this task (0 = none pending). */
  depth: number;
}

/** Transitive pending blockers of one task, breadth first; done tasks end a chain. */
export const transitiveBlockers = (graph: DependencyGraph, taskId: string): string[] => {
  const seen = new Set<string>([taskId]);
  const order: string[] = [];
  const queue = [taskId];
  for (let head = 0; head < queue.length; head++) {
    for (const dep of graph.pendingDependenciesOf(queue[head] as string)) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      order.push(dep);
      queue.push(dep);
    }
  }
  return order;
};

/** Blockers and depth of every pending task, in backlog order. */
export const dependencyChains = (graph: DependencyGraph): DependencyChain[] => {
  const depths = dependencyDepths(graph);
  return pendingIds(graph).map((taskId) => ({
    taskId,
    blockers: transitiveBlockers(graph, taskId),
    depth: depths.get(taskId) ?? 0,
  }));
};

export interface ExecutionOrder {
  /** Pending tasks, each after its pending dependencies; among ready tasks, by priority then score then id. */
  order: string[];
  /** Pending tasks that cannot be ordered because they are in, or wait on, a dependency cycle (backlog order). */
  blockedByCycle: string[];
}

/** For each pending task, the pending tasks that wait on it. */
const dependentsOf = (graph: DependencyGraph, pending: readonly string[]): Map<string, string[]> => {
  const dependents = new Map<string, string[]>();
  for (const id of pending) {
    for (const dep of graph.pendingDependenciesOf(id)) {
      const list = dependents.get(dep);
      if (list) list.push(id);
      else dependents.set(dep, [id]);
    }
  }
  return dependents;
};

/** A topological execution order of the pending tasks (Kahn's algorithm with a priority queue). */
export const executionOrder = (graph: DependencyGraph): ExecutionOrder => {
  const pending = pendingIds(graph);
  const waiting = new Map(pending.map((id) => [id, graph.pendingDependenciesOf(id).length] as const));
  const dependents = dependentsOf(graph, pending);
  const task = (id: string) => graph.tasks.get(id) ?? { id, priority: 'unknown' as const, scoreTotal: null };
  const ready = new PriorityHeap<string>((a, b) => compareByPriority(task(a), task(b)));
  for (const id of pending) if (waiting.get(id) === 0) ready.push(id);
  const order: string[] = [];
  for (let next = ready.pop(); next !== undefined; next = ready.pop()) {
    order.push(next);
    for (const dependent of dependents.get(next) ?? []) {
      const left = (waiting.get(dependent) ?? 0) - 1;
      waiting.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  const placed = new Set(order);
  return { order, blockedByCycle: pending.filter((id) => !placed.has(id)) };
};
