import { z } from 'zod';
import { AnyRoute } from './route-spec';

type JsonSchema = Record<string, unknown>;

interface ObjectSchema {
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

const inputSchema = (schema: z.ZodType): ObjectSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
  return rest as ObjectSchema;
};

const parameters = (schema: z.ZodType | undefined, location: 'query' | 'path') => {
  if (schema === undefined) return [];
  const object = inputSchema(schema);
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === 'path' || (object.required ?? []).includes(name),
      description,
      schema: rest,
    };
  });
};

const ErrorSchema = {
  type: 'object',
  required: ['error', 'reason'],
  properties: { error: { type: 'string' }, field: { type: 'string' }, reason: { type: 'string' } },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const operation = (spec: AnyRoute) => ({
  summary: spec.summary,
  tags: [spec.tag],
  operationId: `get${spec.url.replace(/[^A-Za-z0-9]+(.)?/g, (_m, next: string | undefined) => (next ?? '').toUpperCase())}`,
  security: spec.public ? [] : undefined,
  parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
  responses: {
    '200': {
      description: 'OK. X-Ledger-Position tells how fresh the read models are.',
      headers: {
        'X-Ledger-Position': {
          schema: { type: 'string' },
          description: 'Lowest read-model checkpoint position, or "none".',
        },
      },
      content: {
        [spec.produces ?? 'application/json']: {
          schema: spec.produces === 'text/csv' ? { type: 'string' } : { type: 'object' },
        },
      },
    },
    '400': errorResponse('A parameter is invalid: `field` names it, `reason` says why.'),
    ...(spec.public ? {} : { '401': errorResponse('Missing or wrong bearer token (only when the server has one).') }),
    ...(spec.notFound ? { '404': errorResponse('No such task.') } : {}),
  },
});

/** OpenAPI 3.1 document generated from the same zod schemas that validate the requests. */
export const openApiDocument = (routes: readonly AnyRoute[], version: string) => ({
  openapi: '3.1.0',
  info: {
    title: 'taskledger query API',
    version,
    description: 'Read-only JSON API over the read models and the audit history.',
  },
  paths: Object.fromEntries(
    routes.map((spec) => [spec.url.replace(/:([A-Za-z]+)/g, '{$1}'), { get: operation(spec) }]),
  ),
  components: {
    schemas: { Error: ErrorSchema },
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'Needed when the server runs with TASKLEDGER_API_TOKEN.' },
    },
  },
  security: [{ bearer: [] }],
});
