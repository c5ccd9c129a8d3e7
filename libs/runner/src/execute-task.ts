import { TaskledgerError } from '@taskledger/errors';
import type { BacklogTaskDoc } from '@taskledger/projections';
import type { Resolution } from './command-resolution';
import type { TaskRunOutcome } from './run-outcome';
import type { RunDeps } from './run-options';
import { RunCounts, tallyingObserver } from './run-tally';

import { checkGate, recordSkip } from './task-gate';
import { runTaskJob } from './task-job';

export interface ExecuteOptions {
  /** Asked when the task is human-required (`--yes`, or a y/N prompt); false skips it. */
  confirm: (task: BacklogTaskDoc) => Promise<boolean>;
  resolve: (task: BacklogTaskDoc) => Resolution;
  /** Ctrl-C / SIGTERM: the attempt is recorded as interrupted. */
  signal: AbortSignal;
}

export interface ExecuteReport {
  taskId: string;
  title: string;
  outcome: TaskRunOutcome;
  durationMs: number;
  /**
   * Counted from the events this command appended, except that a skip counts whether or not the
   * same skip was already recorded: the task was skipped by this command either way.
   */
  counts: RunCounts;
}

const withOutcome = (counts: RunCounts, outcome: TaskRunOutcome): RunCounts =>
  outcome.kind === 'skipped' && !outcome.recorded ? { ...counts, skipped: counts.skipped + 1 } : { ...counts };

const registeredTask = async (deps: RunDeps, taskId: string): Promise<BacklogTaskDoc> => {
  const task = await deps.catalogue.task(taskId);
  if (task === null)
    throw new TaskledgerError(
      'NotFound',
      `task ${taskId} is not in the ledger: parse its backlog first (taskledger parse <file>)`,
    );
  if (task.removedFromBacklog)
    throw new TaskledgerError('NotFound', `task ${taskId} was removed from its backlog (${task.source.path})`);
  return task;
};

/** Dependencies the backlog itself declares done (the ledger's completions are checked by the gate). */
const declaredDone = async (deps: RunDeps, task: BacklogTaskDoc): Promise<Set<string>> => {
  const done = new Set<string>();
  for (const id of task.dependencies) if ((await deps.catalogue.task(id))?.backlogStatus === 'done') done.add(id);
  return done;
};

const outcomeOf = async (deps: RunDeps, task: BacklogTaskDoc, options: ExecuteOptions): Promise<TaskRunOutcome> => {
  const resolution = options.resolve(task);
  if (resolution.kind === 'manual') {
    const hint = `outside runners report it with: taskledger report ${task.id} start|progress|complete|fail`;
    throw new TaskledgerError('InvalidArgument', `task ${task.id} has no command (${resolution.reason}); ${hint}`);
  }
  const verdict = await checkGate(deps, task, await declaredDone(deps, task), () => options.confirm(task));
  if (!verdict.run) {
    const recorded = await recordSkip(deps, task.id, verdict);
    return { kind: 'skipped', reason: verdict.reason, missing: verdict.missing, message: verdict.message, recorded };
  }
  return runTaskJob(deps, { taskId: task.id, command: resolution.command, mode: 'execute', signal: options.signal });
};

/**
 * `taskledger execute <task>`: one task through its retries, now. Unlike `run` it also re-runs a
 * completed or failed task (a new execution) and starts a scheduled retry without waiting.
 */
export const executeTask = async (
  runDeps: RunDeps,
  taskId: string,
  options: ExecuteOptions,
): Promise<ExecuteReport> => {
  const started = runDeps.clock().getTime();
  const tally = tallyingObserver(runDeps.observer);
  const deps: RunDeps = { ...runDeps, observer: tally.observer };
  await deps.catalogue.refresh();
  const task = await registeredTask(deps, taskId);
  const outcome = await outcomeOf(deps, task, options);
  return {
    taskId,
    title: task.title,
    outcome,
    durationMs: deps.clock().getTime() - started,
    counts: withOutcome(tally.counts, outcome),
  };
};
