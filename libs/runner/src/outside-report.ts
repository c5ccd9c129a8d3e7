import { manualFailureFacts, TaskCommand, TaskState } from '@taskledger/execution';
import type { RunnerDeps, TaskEnvelope } from './runner-deps';
import { TaskStreamHandle } from './task-stream';

/** What an outside runner (a CI job, a person) reports with `taskledger report <task> ...`. */
export type OutsideReport =
  | { action: 'start' }
  | { action: 'progress'; progress: number; message: string | null }
  | { action: 'complete'; exitCode: number | null }
  | { action: 'fail'; error: string; exitCode: number | null };

export interface ReportResult {
  taskId: string;
  /** The events appended ([] when the report repeated what the ledger already says). */
  events: TaskEnvelope[];
  state: TaskState;
}

export type ReportDeps = Pick<
  RunnerDeps,
  'eventStore' | 'decision' | 'clock' | 'newId' | 'identity' | 'observer' | 'settings'
>;

/** An outside runner's progress also renews its lease: reporting is how it says it is alive. */
const progressCommands = (
  deps: ReportDeps,
  taskId: string,
  state: TaskState,
  now: Date,
  report: Extract<OutsideReport, { action: 'progress' }>,
): TaskCommand[] => {
  const progress: TaskCommand = {
    type: 'ReportProgress',
    taskId,
    now,
    progress: report.progress,
    message: report.message,
  };
  const manual = state.status === 'running' && state.execution.runner.kind === 'manual';
  return manual ? [progress, { type: 'RenewLease', taskId, now, leaseMs: deps.settings.manualLeaseMs }] : [progress];
};

const commandsFor = (
  deps: ReportDeps,
  taskId: string,
  report: OutsideReport,
  state: TaskState,
  now: Date,
): TaskCommand | TaskCommand[] => {
  switch (report.action) {
    case 'start': {
      const runner = { kind: 'manual' as const, command: null, host: deps.identity.host, pid: null };
      // A report is a fact: an outside runner that started early is recorded, not refused.
      return {
        type: 'StartExecution',
        taskId,
        now,
        newExecutionId: deps.newId(),
        leaseMs: deps.settings.manualLeaseMs,
        timeoutMs: null,
        runner,
        force: true,
      };
    }
    case 'progress':
      return progressCommands(deps, taskId, state, now, report);
    case 'complete':
      return { type: 'CompleteExecution', taskId, now, exitCode: report.exitCode };
    case 'fail':
      return {
        type: 'FailAttempt',
        taskId,
        now,
        facts: manualFailureFacts({ error: report.error, exitCode: report.exitCode }),
      };
  }
};

/**
 * Appends what an executor would for an outside runner's report: start, progress (which also
 * renews a manual runner's lease), complete, or fail (classified, retried under the policy).
 * Refusals are TaskledgerErrors: nothing running, already running, not registered, ...
 */
export const reportOutside = async (deps: ReportDeps, taskId: string, report: OutsideReport): Promise<ReportResult> => {
  const stream = new TaskStreamHandle(deps, taskId);
  const events = await stream.apply((state, now) => commandsFor(deps, taskId, report, state, now));
  return { taskId, events, state: stream.current };
};
