import type { BacklogTaskDoc } from '@taskledger/projections';
import type { RunDeps, RunOptions } from './run-options';
import type { TaskRunOutcome, TaskRunRecord } from './run-outcome';
import type { RunPlan } from './run-plan';
import { checkGate, recordSkip } from './task-gate';
import { runTaskJob } from './task-job';

type SchedulerOptions = Omit<RunOptions, 'backlogId' | 'concurrency'> & { concurrency: number };

/**
 * Takes tasks from the plan's queue in order, up to `concurrency` at once. A task is taken up
 * once none of its dependencies is still queued or running in this run; then the gate decides.
 */
export class RunScheduler {
  private readonly queue: BacklogTaskDoc[];
  private readonly active = new Map<string, Promise<void>>();
  private readonly records: TaskRunRecord[] = [];
  private readonly done: Set<string>;
  private jobsStarted = 0;

  constructor(
    private readonly deps: RunDeps,
    plan: RunPlan,
    private readonly options: SchedulerOptions,
  ) {
    this.queue = [...plan.queue];
    this.done = new Set(plan.done);
  }

  async run(): Promise<TaskRunRecord[]> {
    for (;;) {
      await this.fill();
      if (this.active.size === 0) break;
      await Promise.race(this.active.values());
    }
    const why = this.options.signal.aborted
      ? 'not started: the run was interrupted'
      : 'not started: --max-tasks reached';
    for (const task of this.queue.splice(0)) this.record(task, { kind: 'held', message: why });
    return this.records;
  }

  private mayTakeMore(): boolean {
    const { signal, maxTasks, concurrency } = this.options;
    return !signal.aborted && this.active.size < concurrency && (maxTasks === undefined || this.jobsStarted < maxTasks);
  }

  private async fill(): Promise<void> {
    while (this.mayTakeMore()) {
      const index = this.queue.findIndex((task) => this.settled(task));
      const task = this.queue[index];
      if (task === undefined) return;
      this.queue.splice(index, 1);
      await this.take(task);
    }
  }

  /** None of its dependencies is still queued or running in this run. */
  private settled(task: BacklogTaskDoc): boolean {
    return task.dependencies.every((id) => !this.active.has(id) && !this.queue.some((queued) => queued.id === id));
  }

  private async take(task: BacklogTaskDoc): Promise<void> {
    try {
      const verdict = await checkGate(this.deps, task, this.done, () => this.options.confirm(task));
      if (this.options.signal.aborted)
        return this.record(task, { kind: 'held', message: 'not started: the run was interrupted' });
      if (!verdict.run) {
        const recorded = await recordSkip(this.deps, task.id, verdict);
        return this.record(task, {
          kind: 'skipped',
          reason: verdict.reason,
          missing: verdict.missing,
          message: verdict.message,
          recorded,
        });
      }
      const resolution = this.options.resolve(task);
      if (resolution.kind === 'manual') return this.record(task, { kind: 'manual', message: resolution.reason });
      this.launch(task, resolution.command);
    } catch (error) {
      this.record(task, { kind: 'error', message: (error as Error).message });
    }
  }

  private launch(task: BacklogTaskDoc, command: Parameters<typeof runTaskJob>[1]['command']): void {
    this.jobsStarted++;
    const job = runTaskJob(this.deps, { taskId: task.id, command, mode: 'run', signal: this.options.signal })
      .catch((error: Error): TaskRunOutcome => ({ kind: 'error', message: error.message }))
      .then((outcome) => {
        if (outcome.kind === 'completed') this.done.add(task.id);
        this.record(task, outcome);
        this.active.delete(task.id);
      });
    this.active.set(task.id, job);
  }

  private record(task: BacklogTaskDoc, outcome: TaskRunOutcome): void {
    this.records.push({ taskId: task.id, title: task.title, outcome });
  }
}
