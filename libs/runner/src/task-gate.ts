import { gate, GateResult, GatedTask } from '@taskledger/execution';
import type { RunnerDeps } from './runner-deps';
import { TaskStreamHandle } from './task-stream';

export type GateRefusal = Extract<GateResult, { run: false }>;

/** What the gate needs of a task. */
export interface GateTask extends GatedTask {
  id: string;
}

/**
 * Dependencies not done: not in `done` (declared done in the backlog, completed in the ledger)
 * and not completed on their own stream either (another runner may just have completed one).
 * Adds the ones found completed to `done`.
 */
export const unmetDependencies = async (deps: RunnerDeps, task: GateTask, done: Set<string>): Promise<string[]> => {
  const missing: string[] = [];
  for (const dependency of new Set(task.dependencies)) {
    if (done.has(dependency)) continue;
    const state = await new TaskStreamHandle(deps, dependency).refresh();
    if (state.status === 'completed') done.add(dependency);
    else missing.push(dependency);
  }
  return missing;
};

/** The gate: dependencies first; a human-required task asks `confirm` only once they are done. */
export const checkGate = async (
  deps: RunnerDeps,
  task: GateTask,
  done: Set<string>,
  confirm: () => Promise<boolean>,
): Promise<GateResult> => {
  const missing = await unmetDependencies(deps, task, done);
  const confirmed = missing.length === 0 && task.humanRequired && (await confirm());
  return gate(task, done, confirmed);
};

/** Records the gate's refusal as TaskSkipped; false when the same skip was already recorded (or the task runs elsewhere). */
export const recordSkip = async (deps: RunnerDeps, taskId: string, refusal: GateRefusal): Promise<boolean> => {
  const { reason, missing, message } = refusal;
  const events = await new TaskStreamHandle(deps, taskId).apply((state, now) =>
    state.status === 'running' ? null : { type: 'Skip', taskId, now, reason, missing, message },
  );
  return events.length > 0;
};
