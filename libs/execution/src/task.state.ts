import type { z } from 'zod';
import type { ErrorCategory, Runner, TaskDefinition, TaskExecutionFailed, TaskSkipped } from '@taskledger/events';

export type RunnerInfo = z.infer<typeof Runner>;

/** What every registered task carries, whatever its execution status. */
export interface TaskInfo {
  taskId: string;
  backlogId: string;
  definition: TaskDefinition;
  /** False after TaskRemovedFromBacklog until the task is registered again; such a task is not started. */
  inBacklog: boolean;
}

export interface RunningExecution {
  executionId: string;
  attempt: number;
  /** From the start event's `metadata.occurredAt`; null when history was folded without metadata. */
  startedAt: Date | null;
  leaseExpiresAt: Date;
  timeoutMs: number | null;
  runner: RunnerInfo;
  progress: { value: number; message: string | null } | null;
  /** Retries this execution has used so far (interrupted attempts do not count). */
  retriesUsed: number;
}

/** An attempt failed and its retry decision has not been folded yet (only seen mid-batch). */
export interface FailedAttempt {
  executionId: string;
  attempt: number;
  retriesUsed: number;
  timeoutMs: number | null;
  category: ErrorCategory;
  /** Interrupted attempts do not use up the retry budget. */
  countsAgainstBudget: boolean;
  /** Set by a succeeded extend-timeout recovery. */
  nextTimeoutMs: number | null;
}

export interface RetryingExecution {
  executionId: string;
  failedAttempt: number;
  nextAttempt: number;
  notBefore: Date;
  delayMs: number;
  reason: string;
  retriesUsed: number;
  /** The next attempt's timeout, when a recovery extended it; overrides the start command's. */
  nextTimeoutMs: number | null;
}

export interface CompletedExecution {
  executionId: string;
  attempt: number;
  durationMs: number;
  exitCode: number | null;
}

export type FailedExecution = Omit<z.infer<typeof TaskExecutionFailed>['data'], 'taskId'>;
export type SkipInfo = Omit<z.infer<typeof TaskSkipped>['data'], 'taskId'>;

/** The decider's view of one task stream: a union on `status`. */
export type TaskState =
  | { status: 'unregistered' }
  | (TaskInfo & { status: 'pending' })
  | (TaskInfo & { status: 'running'; execution: RunningExecution })
  | (TaskInfo & { status: 'attempt-failed'; execution: FailedAttempt })
  | (TaskInfo & { status: 'retrying'; execution: RetryingExecution })
  | (TaskInfo & { status: 'completed'; execution: CompletedExecution })
  | (TaskInfo & { status: 'failed'; execution: FailedExecution })
  | (TaskInfo & { status: 'skipped'; skip: SkipInfo });

export type TaskStatus = TaskState['status'];
export type RegisteredTaskState = Exclude<TaskState, { status: 'unregistered' }>;
export type TaskStateOf<S extends TaskStatus> = Extract<TaskState, { status: S }>;

export const initialState: TaskState = { status: 'unregistered' };

/** The registered-task part of a state (for building the next state). */
export const taskInfo = (state: RegisteredTaskState): TaskInfo => ({
  taskId: state.taskId,
  backlogId: state.backlogId,
  definition: state.definition,
  inBacklog: state.inBacklog,
});
