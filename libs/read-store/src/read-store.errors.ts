import { TaskledgerError } from '@taskledger/errors';
export const invalidQuery = (field: string, problem: string): TaskledgerError =>
  new TaskledgerError('InvalidQuery', `invalid query on "${field}": ${problem}`, { field });

export const collectionNotFound = (collection: string): TaskledgerError =>
  new TaskledgerError(
    'CollectionNotFound',
    `collection "${collection}" does not exist; create it with ensureCollection`,
    {
      collection,
    },
  );

/** Another writer moved the checkpoint since the caller read it: the caller's work is stale. */
export const checkpointConflict = (name: string, expected: string | null, actual: string | null): TaskledgerError =>
  new TaskledgerError(
    'CheckpointConflict',
    `checkpoint "${name}" was written by another process since it was read (expected revision ${expected ?? 'none'}, found ${actual ?? 'none'}); nothing was committed`,
    { checkpoint: name, expected, actual },
  );
