import { TaskledgerError } from '@taskledger/errors';
import type { TaskCommand } from './task.commands';
import type { RegisteredTaskState, RunningExecution, TaskState, TaskStateOf } from './task.state';

type Targeted = TaskCommand & { executionId?: string; attempt?: number };

export const invalid = (message: string, details?: Record<string, unknown>): TaskledgerError =>
  new TaskledgerError('InvalidCommand', message, details);

const isValidDate = (value: unknown): value is Date => value instanceof Date && Number.isFinite(value.getTime());

/** The registered state the command is about; refuses an unregistered task, another task, or a bad `now`. */
export const registeredState = (command: TaskCommand, state: TaskState): RegisteredTaskState => {
  if (!isValidDate(command.now)) throw invalid(`${command.type}: now must be a valid Date`);
  if (state.status === 'unregistered') {
    throw new TaskledgerError(
      'TaskNotRegistered',
      `task ${command.taskId} is not registered: parse the backlog first`,
      {
        taskId: command.taskId,
      },
    );
  }
  if (state.taskId !== command.taskId) {
    throw invalid(`${command.type} for task ${command.taskId} was decided on the stream of ${state.taskId}`);
  }
  return state;
};

/** The running execution the command targets; refuses when none runs or another one does. */
export const runningState = (command: Targeted, state: TaskState): TaskStateOf<'running'> => {
  const registered = registeredState(command, state);
  if (registered.status !== 'running') {
    throw new TaskledgerError(
      'ExecutionNotFound',
      `no execution of ${command.taskId} is running (status ${registered.status})`,
      {
        status: registered.status,
      },
    );
  }
  const { executionId, attempt } = registered.execution;
  if (command.executionId !== undefined && command.executionId !== executionId) {
    throw new TaskledgerError(
      'ExecutionNotFound',
      `execution ${command.executionId} of ${command.taskId} is not the running one`,
      {
        runningExecutionId: executionId,
      },
    );
  }
  if (command.attempt !== undefined && command.attempt !== attempt) {
    throw new TaskledgerError(
      'AttemptMismatch',
      `attempt ${command.attempt} of ${executionId} is not running; attempt ${attempt} is`,
      {
        runningAttempt: attempt,
      },
    );
  }
  return registered;
};

const ended = (state: TaskState, executionId: string, attempt: number): TaskState['status'] | null => {
  switch (state.status) {
    case 'completed':
    case 'failed':
    case 'attempt-failed':
      return state.execution.executionId === executionId && state.execution.attempt === attempt ? state.status : null;
    case 'retrying':
      return state.execution.executionId === executionId && state.execution.failedAttempt === attempt
        ? state.status
        : null;
    default:
      return null;
  }
};

/**
 * How the attempt the command names explicitly (executionId and attempt) already ended, if it
 * did: a repeated command then decides nothing instead of failing (idempotent retries).
 */
export const endedAs = (command: Targeted, state: TaskState): TaskState['status'] | null =>
  command.executionId === undefined || command.attempt === undefined
    ? null
    : ended(state, command.executionId, command.attempt);

export const positive = (name: string, value: number): number => {
  if (!Number.isFinite(value) || value <= 0)
    throw invalid(`${name} must be a positive number, got ${value}`, { [name]: value });
  return value;
};

export const nonNegative = (name: string, value: number): number => {
  if (!Number.isFinite(value) || value < 0)
    throw invalid(`${name} must be zero or more, got ${value}`, { [name]: value });
  return value;
};

/** The attempt's duration: the executor's measurement, else now − the attempt's start. */
export const attemptDuration = (command: { now: Date; durationMs?: number }, execution: RunningExecution): number => {
  if (command.durationMs !== undefined) return nonNegative('durationMs', command.durationMs);
  if (execution.startedAt === null) {
    throw invalid('durationMs is unknown: pass it, or fold the stream as envelopes so the start time is known');
  }
  return Math.max(0, command.now.getTime() - execution.startedAt.getTime());
};

export const plus = (now: Date, ms: number): string => new Date(now.getTime() + ms).toISOString();
