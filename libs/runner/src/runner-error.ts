/** Codes callers switch on; the CLI maps them to exit codes in one place. */
export type RunnerErrorCode =
  /** taskledger.config.json's `executors`, `run` or `retryPolicies` section is not valid. */
  | 'InvalidConfig'
  /** A command line argument is not acceptable (a task id, a progress value, ...). */
  | 'InvalidArgument'
  /** The task is not in the ledger: parse the backlog first. */
  | 'NotFound';

/** A real Error with a typed code; never switch on the message text. */
export class RunnerError extends Error {
  constructor(
    readonly code: RunnerErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'RunnerError';
  }
}

export const isRunnerError = (error: unknown, code?: RunnerErrorCode): error is RunnerError =>
  error instanceof RunnerError && (code === undefined || error.code === code);
