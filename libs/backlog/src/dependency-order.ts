import type { DependencyGraph } from './dependency-graph';
import { PriorityHeap } from './priority-heap';
import { compareByPriority } from './prioritisation';

const pendingIds = (graph: DependencyGraph): string[] => graph.ids.filter((id) => !graph.done.has(id));

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
