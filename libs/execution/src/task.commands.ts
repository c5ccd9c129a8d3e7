import type { RawErrorFacts } from '@taskledger/events';
import type { RunnerRecoveryOutcomes } from './recovery';
import type { RunnerInfo } from './task.state';

interface CommandBase {
  taskId: string;
  /** The time of the command; the decider never reads a clock. */
  now: Date;
}

/**
 * Which execution a command is about. Omitted = whatever is running (outside runners via
 * `taskledger report`); given = must match, so a late report of an old run is refused.
 */
interface ExecutionTarget {
  executionId?: string;
  attempt?: number;
}

/**
 * Starts a new execution (attempt 1, id `newExecutionId`) or, when the task is retrying, the
 * next attempt of that execution (the id is then ignored). Refused before the retry's
 * `notBefore` unless `force`.
 */
export interface StartExecution extends CommandBase {
  type: 'StartExecution';
  newExecutionId: string;
  /** The lease lasts until now + leaseMs; renew it before then (RenewLease). */
  leaseMs: number;
  /** Null = no timeout. A timeout extended by recovery wins for the next attempt. */
  timeoutMs: number | null;
  runner: RunnerInfo;
  /** Start the next attempt even though its retry is not due yet. Default false. */
  force?: boolean;
}

export interface ReportProgress extends CommandBase, ExecutionTarget {
  type: 'ReportProgress';
  /** 0..1 */
  progress: number;
  message: string | null;
}

export interface RenewLease extends CommandBase, ExecutionTarget {
  type: 'RenewLease';
  leaseMs: number;
}

export interface FailAttempt extends CommandBase, ExecutionTarget {
  type: 'FailAttempt';
  facts: RawErrorFacts;
  /** Measured by the executor; default: now − the attempt's start. */
  durationMs?: number;
  /** The I/O recoveries (runnerRecoveryActions) the runner performed before deciding. */
  recovery?: RunnerRecoveryOutcomes;
}

export interface CompleteExecution extends CommandBase, ExecutionTarget {
  type: 'CompleteExecution';
  exitCode: number | null;
  /** Measured by the executor; default: now − the attempt's start. */
  durationMs?: number;
}

/** Records a gate's refusal; build it from `gate(...)` when it says `run: false`. */
export interface Skip extends CommandBase {
  type: 'Skip';
  reason: 'dependencies-unmet' | 'human-required';
  missing: string[];
  /** Default: derived from reason and missing. */
  message?: string;
}

/** Another runner found the running execution's lease expired (the runner process died). */
export interface AbandonExpired extends CommandBase {
  type: 'AbandonExpired';
  /** Who noticed, e.g. `runner:<host>:<pid>`. */
  detectedBy: string;
  /** The execution the caller saw expire; refused if another one is running now. */
  executionId?: string;
}

/** The run was stopped (Ctrl-C / SIGTERM): a failed attempt that does not use up the retry budget. */
export interface Interrupt extends CommandBase, ExecutionTarget {
  type: 'Interrupt';
  signal: string | null;
  durationMs?: number;
}

/** Back to pending, whatever the status; the current execution (if any) is forgotten. */
export interface ResetExecution extends CommandBase {
  type: 'ResetExecution';
  reason: string;
}

export type TaskCommand =
  | StartExecution
  | ReportProgress
  | RenewLease
  | FailAttempt
  | CompleteExecution
  | Skip
  | AbandonExpired
  | Interrupt
  | ResetExecution;

export type TaskCommandType = TaskCommand['type'];
