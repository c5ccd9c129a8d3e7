import type { FastifySchemaValidationError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { MappedError } from './error-mapping';

const fieldOf = (issue: FastifySchemaValidationError, unknownKeys: unknown): string =>
  Array.isArray(unknownKeys)
    ? unknownKeys.join(', ')
    : issue.instancePath.split('/').filter(Boolean).join('.') || '(request)';

/**
 * A request a route's zod schema rejected (fastify validated it before the handler ran): 400 with
 * the field and the reason of the first zod issue. Null for any other error.
 */
export const rejectedRequest = (error: unknown): MappedError | null => {
  const issue = hasZodFastifySchemaValidationErrors(error) ? error.validation[0] : undefined;
  if (issue === undefined) return null;
  const unknownKeys = issue.keyword === 'unrecognized_keys' ? issue.params['keys'] : undefined;
  return {
    status: 400,
    body: {
      error: 'BadRequest',
      field: fieldOf(issue, unknownKeys),
      reason: Array.isArray(unknownKeys) ? 'unknown parameter' : (issue.message ?? 'invalid value'),
    },
  };
};
