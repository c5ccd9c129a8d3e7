import { isReadStoreError, ReadStoreErrorCode } from '../src/read-store.errors';

export const caughtError = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
};

/** Asserts the promise rejects with a ReadStoreError of that code, and returns the error. */
export const rejectsWith = async (promise: Promise<unknown>, code: ReadStoreErrorCode) => {
  const error = await caughtError(promise);
  if (!isReadStoreError(error)) throw error;
  expect(error.code).toBe(code);
  return error;
};
