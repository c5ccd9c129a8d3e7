import { isTaskledgerError } from '@taskledger/errors';
import type { ErrorCode } from '@taskledger/errors';

export const caughtError = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
};

/** Asserts the promise rejects with a TaskledgerError of that code, and returns the error. */
export const rejectsWith = async (promise: Promise<unknown>, code: ErrorCode) => {
  const error = await caughtError(promise);
  if (!isTaskledgerError(error)) throw error;
  expect(error.code).toBe(code);
  return error;
};
