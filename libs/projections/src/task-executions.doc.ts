import { BacklogStatus, ErrorCategory, ErrorSeverity, EventOfType, Priority } from '@taskledger/events';
import { Doc } from './projection';

export type ExecutionStatus = 'pending' | 'running' | 'retrying' | 'completed' | 'failed' | 'skipped';

/** The fields of the task definition a task_executions document keeps (TaskDefinition keys). */
export interface TaskDefinitionFields {
  title: string;
  priority: Priority;
  points: number | null;
  backlogStatus: BacklogStatus;
  description: string | null;
  techFootprint: string | null;
  dependencies: string[];
  scoreTotal: number | null;
  humanRequired: boolean;
  humanReason: string | null;
}

/** The current (or, once it ended, the most recent) execution; null before any and after a reset. */
export interface CurrentExecution {
  executionId: string;
  attempt: number;
  /** When attempt 1 started. */
  startedAt: string;
  attemptStartedAt: string;
  progress: number;
  message: string | null;
  /** Null once the attempt ended. */
  leaseExpiresAt: string | null;
  timeoutMs: number | null;
  runner: { kind: 'shell' | 'manual'; host: string };
  /** Set while a retry is scheduled. */
  nextAttemptAt: string | null;
}

export interface LastError {
  message: string;
  type: string;
  category: ErrorCategory;
  severity: ErrorSeverity;
  exitCode: number | null;
  executionId: string;
  attempt: number;
  at: string;
}

export interface ExecutionFailure {
  reason: EventOfType<'TaskExecutionFailed'>['data']['reason'];
  category: ErrorCategory;
  message: string;
}

export interface SkipInfo {
  reason: EventOfType<'TaskSkipped'>['data']['reason'];
  missing: string[];
  message: string;
}

/**
 * One document per task (id = task id): its definition as last parsed and its execution state.
 * All times are UTC ISO strings; `updatedAt` is the time of the last event applied.
 */
export interface TaskExecutionDoc extends Doc, TaskDefinitionFields {
  id: string;
  taskId: string;
  /** The priority's sort rank: critical 0, high 1, medium 2, low 3, unknown 4. */
  priorityRank: number;
  /** False when execution events arrived before any TaskRegistered. */
  registered: boolean;
  registeredAt: string | null;
  removedFromBacklog: boolean;
  status: ExecutionStatus;
  currentExecution: CurrentExecution | null;
  startedAt: string | null;
  /** When the execution ended (completed or failed). */
  completedAt: string | null;
  /** The completed attempt's durationMs. */
  executionTimeMs: number | null;
  exitCode: number | null;
  /** The latest attempt failure over the task's life (kept across executions and resets). */
  lastError: LastError | null;
  failure: ExecutionFailure | null;
  skip: SkipInfo | null;
  /** TaskRetryScheduled events in the current execution. */
  retryCount: number;
  /** TaskRetryScheduled events over the task's life. */
  totalRetries: number;
  /** Executions started over the task's life. */
  executions: number;
  updatedAt: string;
}

const PRIORITY_RANKS: Readonly<Record<Priority, number>> = { critical: 0, high: 1, medium: 2, low: 3, unknown: 4 };

/** Where a priority sorts: critical 0, high 1, medium 2, low 3, unknown 4 (the order `list` uses). */
export const priorityRank = (priority: Priority): number => PRIORITY_RANKS[priority];

export const unregisteredDefinition = (taskId: string): TaskDefinitionFields => ({
  title: taskId,
  priority: 'unknown',
  points: null,
  backlogStatus: 'unknown',
  description: null,
  techFootprint: null,
  dependencies: [],
  scoreTotal: null,
  humanRequired: false,
  humanReason: null,
});

/** The execution fields of a task with no execution in hand: a new task, a reset, or before a new execution starts. */
export const NO_EXECUTION = {
  currentExecution: null,
  startedAt: null,
  completedAt: null,
  executionTimeMs: null,
  exitCode: null,
  failure: null,
  skip: null,
  retryCount: 0,
} as const satisfies Partial<TaskExecutionDoc>;

export const newTaskExecution = (taskId: string, at: string): TaskExecutionDoc => ({
  id: taskId,
  taskId,
  ...unregisteredDefinition(taskId),
  priorityRank: priorityRank('unknown'),
  registered: false,
  registeredAt: null,
  removedFromBacklog: false,
  status: 'pending',
  ...NO_EXECUTION,
  lastError: null,
  totalRetries: 0,
  executions: 0,
  updatedAt: at,
});
