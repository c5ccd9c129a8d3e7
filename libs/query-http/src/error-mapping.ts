import { defined, ErrorCode, isTaskledgerError } from '@taskledger/errors';
import { z } from 'zod';

export interface ErrorBody {
  error: 'BadRequest' | 'NotFound' | 'Unauthorized' | 'InternalServerError' | string;
  field?: string;
  reason: string;
}

const BAD_REQUEST = 400;
const NOT_FOUND = 404;
const SERVER_ERROR = 500;

/**
 * The HTTP status of each error code; the compiler checks that every code is here. Only the
 * caller's input is a 4xx: anything else that reaches the API is the server's failure.
 */
export const HTTP_STATUS_OF: Readonly<Record<ErrorCode, number>> = {
  InvalidArgument: BAD_REQUEST,
  InvalidQuery: BAD_REQUEST,
  NotFound: NOT_FOUND,
  TaskNotRegistered: NOT_FOUND,
  InvalidConfig: SERVER_ERROR,
  InvalidEvent: SERVER_ERROR,
  InvalidDocument: SERVER_ERROR,
  InvalidCommand: SERVER_ERROR,
  FileTooLarge: SERVER_ERROR,
  NotUtf8: SERVER_ERROR,
  Binary: SERVER_ERROR,
  StoreUnavailable: SERVER_ERROR,
  StoreBusy: SERVER_ERROR,
  UndecodableEvent: SERVER_ERROR,
  CollectionNotFound: SERVER_ERROR,
  ConcurrencyConflict: SERVER_ERROR,
  DuplicateEventId: SERVER_ERROR,
  CheckpointConflict: SERVER_ERROR,
  TaskNotRunnable: SERVER_ERROR,
  RetryNotDue: SERVER_ERROR,
  ExecutionNotFound: SERVER_ERROR,
  AttemptMismatch: SERVER_ERROR,
  ExecutionInProgress: SERVER_ERROR,
  LeaseNotExpired: SERVER_ERROR,
};

const SERVER_FAILURE: MappedError = {
  status: SERVER_ERROR,
  body: { error: 'InternalServerError', reason: 'the request failed; see the server log' },
};

export interface MappedError {
  status: number;
  body: ErrorBody;
}

const fieldOf = (issue: z.core.$ZodIssue): string => {
  if (issue.code === 'unrecognized_keys') return issue.keys.join(', ');
  return issue.path.map(String).join('.') || '(request)';
};

const reasonOf = (issue: z.core.$ZodIssue): string =>
  issue.code === 'unrecognized_keys' ? 'unknown parameter' : issue.message;

/** The one mapping from errors to HTTP: bad input is 4xx with the field and reason, never a 500. */
export const mapError = (error: unknown): MappedError => {
  if (error instanceof z.ZodError) {
    const issue = defined(error.issues[0], 'the first validation issue');
    return { status: 400, body: { error: 'BadRequest', field: fieldOf(issue), reason: reasonOf(issue) } };
  }
  if (isTaskledgerError(error)) {
    const status = HTTP_STATUS_OF[error.code];
    if (status === NOT_FOUND) return { status, body: { error: 'NotFound', reason: error.message } };
    if (status !== BAD_REQUEST) return SERVER_FAILURE;
    const field = error.details['field'];
    return {
      status,
      body: { error: 'BadRequest', ...(field === undefined ? {} : { field: String(field) }), reason: error.message },
    };
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { error: status === 404 ? 'NotFound' : 'BadRequest', reason: (error as Error).message } };
  }
  return SERVER_FAILURE;
};
