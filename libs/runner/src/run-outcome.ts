import type { GateRefusal } from './task-gate';
import type { JobOutcome } from './task-job';
import type { RunCounts } from './run-tally';

/** What happened to one task in a run. */
export type TaskRunOutcome =
  | JobOutcome
  /** `recorded`: false when the same skip was already in the ledger (nothing appended). */
  | { kind: 'skipped'; reason: GateRefusal['reason']; missing: string[]; message: string; recorded: boolean }
  /** No command: it waits for `taskledger report`. */
  | { kind: 'manual'; message: string }
  /** Not started: --max-tasks reached, or the run was interrupted first. */
  | { kind: 'held'; message: string }
  /** The runner itself failed on this task (e.g. the store was unavailable). */
  | { kind: 'error'; message: string };

export interface TaskRunRecord {
  taskId: string;
  title: string;
  outcome: TaskRunOutcome;
}

export interface RunReport {
  startedAt: string;
  durationMs: number;
  /** Ctrl-C / SIGTERM stopped the run. */
  interrupted: boolean;
  /** Tasks whose expired lease this run abandoned before planning. */
  abandoned: string[];
  /** The tasks this run looked at, in the order it took them up. */
  tasks: TaskRunRecord[];
  /** Counted from the events this run appended. */
  counts: RunCounts;
}

/** 0 when every executed task completed; 1 when any failed or the runner failed on one. */
export const runFailed = (report: Pick<RunReport, 'tasks' | 'counts'>): boolean =>
  report.counts.failed > 0 || report.tasks.some(({ outcome }) => outcome.kind === 'failed' || outcome.kind === 'error');
