/** Codes callers switch on; apps map them to exit codes and HTTP statuses in one place. */
export type LedgerErrorCode =
  | 'InvalidEvent'
  | 'UndecodableEvent'
  | 'ConcurrencyConflict'
  | 'DuplicateEventId'
  | 'StoreUnavailable'
  | 'StoreBusy'
  | 'InvalidConfig'
  | 'InvalidArgument'
  | 'NotFound';

/** A real Error with a typed code; never switch on the message text. */
export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

export const isLedgerError = (error: unknown, code?: LedgerErrorCode): error is LedgerError =>
  error instanceof LedgerError && (code === undefined || error.code === code);
