/** Codes callers switch on; the CLI maps them to exit codes and messages in one place. */
export type ExecutionErrorCode =
  /** The task stream has no TaskRegistered: the backlog was never parsed with this task. */
  | 'TaskNotRegistered'
  /** A start was refused: an execution is running, or the task was removed from the backlog. */
  | 'TaskNotRunnable'
  /** A start of the next attempt came before the retry's `notBefore` (pass `force` to override). */
  | 'RetryNotDue'
  /** The command targets a running execution, but none is running or a different one is. */
  | 'ExecutionNotFound'
  /** The command names the running execution but another attempt of it. */
  | 'AttemptMismatch'
  /** The command needs the task to be idle (e.g. skip), but an execution is running. */
  | 'ExecutionInProgress'
  /** An abandon came while the running execution's lease is still valid. */
  | 'LeaseNotExpired'
  /** The command itself is malformed (bad number, wrong task id, unknown duration, ...). */
  | 'InvalidCommand';

/** A command the decider refuses; never a silent no-op. */
export class ExecutionError extends Error {
  constructor(
    readonly code: ExecutionErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ExecutionError';
  }
}

export const isExecutionError = (error: unknown, code?: ExecutionErrorCode): error is ExecutionError =>
  error instanceof ExecutionError && (code === undefined || error.code === code);
