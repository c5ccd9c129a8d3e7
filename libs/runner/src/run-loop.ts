import { abandonExpiredLeases } from './lease-expiry';
import { planRun, RunPlan } from './run-plan';
import type { RunReport, TaskRunOutcome, TaskRunRecord } from './run-outcome';
import { tallyingObserver } from './run-tally';
import type { RunnerDeps } from './runner-deps';
import { RunScheduler } from './run-scheduler';
import type { RunDeps, RunOptions } from './run-options';
import { recordSkip } from './task-gate';

const skipCycles = async (deps: RunnerDeps, plan: RunPlan): Promise<TaskRunRecord[]> => {
  const records: TaskRunRecord[] = [];
  for (const { task, missing } of plan.cyclic) {
    const refusal = {
      run: false as const,
      reason: 'dependencies-unmet' as const,
      missing,
      message: `waiting for ${missing.join(', ')} (a dependency cycle)`,
    };
    const recorded = await recordSkip(deps, task.id, refusal);
    const outcome: TaskRunOutcome = {
      kind: 'skipped',
      reason: refusal.reason,
      missing,
      message: refusal.message,
      recorded,
    };
    records.push({ taskId: task.id, title: task.title, outcome });
  }
  return records;
};

/**
 * `run`: abandons expired leases of dead runners, then runs the pending tasks in
 * dependency order, then priority and score, up to `concurrency` at once, through their
 * retries. Tasks whose dependencies are not done, and human-required tasks not confirmed, are
 * skipped (TaskSkipped). The counts are those of the events this run appended.
 */
export const runTasks = async (runDeps: RunDeps, options: RunOptions): Promise<RunReport> => {
  const startedAt = runDeps.clock();
  const tally = tallyingObserver(runDeps.observer);
  const deps: RunDeps = { ...runDeps, observer: tally.observer };
  await deps.catalogue.refresh();
  const abandoned = await abandonExpiredLeases(deps, await deps.catalogue.runningTaskIds());
  if (abandoned.length > 0) await deps.catalogue.refresh();
  const plan = await planRun(deps.catalogue, options.backlogId);
  const cycles = await skipCycles(deps, plan);
  const scheduler = new RunScheduler(deps, plan, {
    ...options,
    concurrency: options.concurrency ?? deps.settings.concurrency,
  });
  const tasks = [...cycles, ...(await scheduler.run())];
  const durationMs = deps.clock().getTime() - startedAt.getTime();
  return {
    startedAt: startedAt.toISOString(),
    durationMs,
    interrupted: options.signal.aborted,
    abandoned,
    tasks,
    counts: { ...tally.counts },
  };
};
