import { isLedgerError } from '@taskledger/events';
import { isReadStoreError } from '@taskledger/read-store';
import { z } from 'zod';

export interface ErrorBody {
  error: 'BadRequest' | 'NotFound' | 'Unauthorized' | 'InternalServerError' | string;
  field?: string;
  reason: string;
}

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
    const issue = error.issues[0]!;
    return { status: 400, body: { error: 'BadRequest', field: fieldOf(issue), reason: reasonOf(issue) } };
  }
  if (isReadStoreError(error, 'InvalidQuery')) {
    return {
      status: 400,
      body: { error: 'BadRequest', field: String(error.details?.['field'] ?? '(query)'), reason: error.message },
    };
  }
  if (isLedgerError(error, 'NotFound')) return { status: 404, body: { error: 'NotFound', reason: error.message } };
  if (isLedgerError(error, 'InvalidArgument'))
    return { status: 400, body: { error: 'BadRequest', reason: error.message } };
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { error: status === 404 ? 'NotFound' : 'BadRequest', reason: (error as Error).message } };
  }
  return { status: 500, body: { error: 'InternalServerError', reason: 'the request failed; see the server log' } };
};
