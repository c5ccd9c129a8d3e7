import { buildDependencyGraph, executionOrder, ParsedTask } from '@taskledger/backlog';
import { defined } from '@taskledger/errors';
import type { BacklogTaskDoc, ExecutionStatus } from '@taskledger/projections';
import type { TaskCatalogue } from './task-catalogue';

/** Statuses `run` picks up: never run, skipped before (re-checked), or waiting for a retry. */
const RUNNABLE: ReadonlySet<ExecutionStatus> = new Set(['pending', 'skipped', 'retrying']);

export interface RunPlan {
  /** Every task in scope, in backlog order. */
  scope: BacklogTaskDoc[];
  /** The tasks to run, each after its dependencies, then by priority, score and id. */
  queue: BacklogTaskDoc[];
  /** Runnable tasks in, or waiting on, a dependency cycle: they are skipped. */
  cyclic: { task: BacklogTaskDoc; missing: string[] }[];
  /** Declared done in the backlog or completed in the ledger. */
  done: Set<string>;
}

const toParsedTask = ({
  backlogId: _b,
  removedFromBacklog: _r,
  registeredAt: _at,
  updatedAt: _u,
  ...task
}: BacklogTaskDoc): ParsedTask => ({
  ...task,
  rawId: task.id,
});

/** Which tasks `run` takes on and in what order, from the (refreshed) read models. */
export const planRun = async (catalogue: TaskCatalogue, backlogId?: string): Promise<RunPlan> => {
  const scope = await catalogue.tasks(backlogId);
  scope.sort((a, b) => a.source.path.localeCompare(b.source.path) || a.source.line - b.source.line);
  const executions = await catalogue.executions(scope.map((task) => task.id));
  const statusOf = (id: string): ExecutionStatus => executions.get(id)?.status ?? 'pending';
  const completed = scope.filter((task) => statusOf(task.id) === 'completed').map((task) => task.id);
  const graph = buildDependencyGraph(scope.map(toParsedTask), { done: completed });
  const { order, blockedByCycle } = executionOrder(graph);
  const byId = new Map(scope.map((task) => [task.id, task] as const));
  const runnable = (id: string) => RUNNABLE.has(statusOf(id));
  const taskOf = (id: string) => defined(byId.get(id), `task ${id} of the run`);
  return {
    scope,
    queue: order.filter(runnable).map(taskOf),
    cyclic: blockedByCycle
      .filter(runnable)
      .map((id) => ({ task: taskOf(id), missing: [...graph.pendingDependenciesOf(id)] })),
    done: new Set(graph.done),
  };
};
