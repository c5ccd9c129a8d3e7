import type { ErrorCode } from './taskledger-error';

export const EXIT_OK = 0;
/** The command ran but found problems (failed tasks, missing dependencies, a state that refuses it, ...). */
export const EXIT_PROBLEM = 1;
/** Bad usage or unusable input: fix the command line, the file or the setting. */
export const EXIT_USAGE = 2;

/** What each code means for a process's exit status; the compiler checks that every code is here. */
export const EXIT_CODE_OF: Readonly<Record<ErrorCode, typeof EXIT_PROBLEM | typeof EXIT_USAGE>> = {
  InvalidArgument: EXIT_USAGE,
  InvalidConfig: EXIT_USAGE,
  InvalidEvent: EXIT_USAGE,
  InvalidQuery: EXIT_PROBLEM,
  InvalidDocument: EXIT_PROBLEM,
  InvalidCommand: EXIT_PROBLEM,
  FileTooLarge: EXIT_USAGE,
  NotUtf8: EXIT_USAGE,
  Binary: EXIT_USAGE,
  NotFound: EXIT_USAGE,
  TaskNotRegistered: EXIT_USAGE,
  StoreUnavailable: EXIT_USAGE,
  StoreBusy: EXIT_PROBLEM,
  UndecodableEvent: EXIT_PROBLEM,
  CollectionNotFound: EXIT_PROBLEM,
  ConcurrencyConflict: EXIT_PROBLEM,
  DuplicateEventId: EXIT_PROBLEM,
  CheckpointConflict: EXIT_PROBLEM,
  TaskNotRunnable: EXIT_PROBLEM,
  RetryNotDue: EXIT_PROBLEM,
  ExecutionNotFound: EXIT_PROBLEM,
  AttemptMismatch: EXIT_PROBLEM,
  ExecutionInProgress: EXIT_PROBLEM,
  LeaseNotExpired: EXIT_PROBLEM,
};
