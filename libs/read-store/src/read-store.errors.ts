/** Codes callers switch on; apps map them to exit codes and HTTP statuses in one place. */
export type ReadStoreErrorCode =
  | 'InvalidQuery'
  | 'InvalidDocument'
  | 'InvalidArgument'
  | 'InvalidConfig'
  | 'CollectionNotFound'
  | 'CheckpointConflict'
  | 'StoreUnavailable'
  | 'StoreBusy';

/** A real Error with a typed code; never switch on the message text. */
export class ReadStoreError extends Error {
  constructor(
    readonly code: ReadStoreErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReadStoreError';
  }
}

export const isReadStoreError = (error: unknown, code?: ReadStoreErrorCode): error is ReadStoreError =>
  error instanceof ReadStoreError && (code === undefined || error.code === code);

export const invalidQuery = (field: string, problem: string): ReadStoreError =>
  new ReadStoreError('InvalidQuery', `invalid query on "${field}": ${problem}`, { field });

export const collectionNotFound = (collection: string): ReadStoreError =>
  new ReadStoreError(
    'CollectionNotFound',
    `collection "${collection}" does not exist; create it with ensureCollection`,
    {
      collection,
    },
  );

/** Another writer moved the checkpoint since the caller read it: the caller's work is stale. */
export const checkpointConflict = (name: string, expected: string | null, actual: string | null): ReadStoreError =>
  new ReadStoreError(
    'CheckpointConflict',
    `checkpoint "${name}" was written by another process since it was read (expected revision ${expected ?? 'none'}, found ${actual ?? 'none'}); nothing was committed`,
    { checkpoint: name, expected, actual },
  );
