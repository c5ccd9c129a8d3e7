import type { FastifyDynamicSwaggerOptions, SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const okResponse = (produces: string) => ({
  description: 'OK. X-Ledger-Position tells how fresh the read models are.',
  headers: {
    'X-Ledger-Position': {
      type: 'string',
      description: 'Lowest read-model checkpoint position, or "none".',
    },
  },
  content: { [produces]: { schema: produces === 'application/json' ? { type: 'object' } : { type: 'string' } } },
});

const operationId = (method: string, url: string): string =>
  `${method.toLowerCase()}${url.replace(/[^A-Za-z0-9]+(.)?/g, (_m, next: string | undefined) => (next ?? '').toUpperCase())}`;

/**
 * The zod schemas become JSON Schema parameters; the responses every route shares are added here
 * (they document the error handler and the hooks, so they are not serialisation schemas).
 */
const transform: SwaggerTransform = (document) => {
  const { schema, url } = jsonSchemaTransform(document);
  const config = document.route.config ?? {};
  const response = {
    200: okResponse(document.schema.produces?.[0] ?? 'application/json'),
    400: errorResponse('A parameter is invalid: `field` names it, `reason` says why.'),
    ...(config.public ? {} : { 401: errorResponse('Missing or wrong bearer token (only when the server has one).') }),
    ...(config.notFound ? { 404: errorResponse('No such task.') } : {}),
  };
  return {
    schema: {
      ...schema,
      ...(config.public ? { security: [] } : {}),
      operationId: operationId(String(document.route.method), url),
      response,
    },
    url,
  };
};

const pathFirst = (parameter: object): number => ('in' in parameter && parameter.in === 'path' ? 0 : 1);

/** Every operation lists its parameters, path ones first, and an empty list when it takes none. */
const transformObject: SwaggerTransformObject = (document) => {
  if (!('openapiObject' in document)) return document.swaggerObject;
  for (const item of Object.values(document.openapiObject.paths ?? {})) {
    for (const operation of [item?.get, item?.post]) {
      if (operation)
        operation.parameters = [...(operation.parameters ?? [])].sort((a, b) => pathFirst(a) - pathFirst(b));
    }
  }
  return document.openapiObject;
};

/** @fastify/swagger settings: an OpenAPI 3.1 document generated from the routes' own schemas. */
export const swaggerOptions = (version: string): FastifyDynamicSwaggerOptions => ({
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'taskledger query API',
      version,
      description:
        'JSON API over the read models and the audit history; POST /reclassify appends ErrorReclassified events, nothing else writes.',
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'reason'],
          properties: { error: { type: 'string' }, field: { type: 'string' }, reason: { type: 'string' } },
        },
      },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Needed when the server runs with TASKLEDGER_API_TOKEN.',
        },
      },
    },
    security: [{ bearer: [] }],
  },
  transform,
  transformObject,
});
