/**
 * Every failure taskledger reports on purpose, by code. Callers switch on the code, never on the
 * message; apps turn codes into exit codes and HTTP statuses with tables the compiler checks are
 * complete (see exit-codes.ts, and the HTTP app's status table).
 */
export type ErrorCode =
  // Input: a command line, file, setting or request that cannot be used as given.
  | 'InvalidArgument'
  | 'InvalidConfig'
  | 'InvalidEvent'
  | 'InvalidQuery'
  | 'InvalidDocument'
  | 'InvalidCommand'
  | 'FileTooLarge'
  | 'NotUtf8'
  | 'Binary'
  | 'NotFound'
  | 'TaskNotRegistered'
  // Stores: unreachable, busy, or holding what a reader cannot use.
  | 'StoreUnavailable'
  | 'StoreBusy'
  | 'UndecodableEvent'
  | 'CollectionNotFound'
  // Concurrency: another writer got there first.
  | 'ConcurrencyConflict'
  | 'DuplicateEventId'
  | 'CheckpointConflict'
  // Task lifecycle: a command the task's current state refuses.
  | 'TaskNotRunnable'
  | 'RetryNotDue'
  | 'ExecutionNotFound'
  | 'AttemptMismatch'
  | 'ExecutionInProgress'
  | 'LeaseNotExpired';

/** A real Error with a typed code and the facts behind it; never switch on the message text. */
export class TaskledgerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TaskledgerError';
  }
}

/** Whether `error` is a TaskledgerError (with that code, or one of those codes, when given). */
export const isTaskledgerError = (error: unknown, code?: ErrorCode | readonly ErrorCode[]): error is TaskledgerError =>
  error instanceof TaskledgerError &&
  (code === undefined || (typeof code === 'string' ? error.code === code : code.includes(error.code)));
