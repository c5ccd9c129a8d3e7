import Fastify, { FastifyInstance, FastifyServerOptions, LogController } from 'fastify';
import { ApiContext } from './api-context';
import { NoQuery } from './api.schemas';
import { bearerMatcher } from './bearer-auth';
import { mapError } from './error-mapping';
import { openApiDocument } from './openapi';
import { positionCache } from './position-cache';
import { AnyRoute, route } from './route-spec';
import { analyticsRoutes } from './routes/analytics.routes';
import { exportRoutes } from './routes/exports.routes';
import { reportRoutes } from './routes/reports.routes';
import { taskRoutes } from './routes/tasks.routes';

const VERSION: string = require('../package.json').version;

export interface ApiOptions extends ApiContext {
  /** When set, every route but /health needs `Authorization: Bearer <token>`. Default null (no auth). */
  token?: string | null;
  /** Fastify logger settings. Default false (tests); main.ts turns it on. */
  logger?: FastifyServerOptions['logger'];
  /** How long the X-Ledger-Position value may be reused. Default 1000 ms. */
  positionTtlMs?: number;
}

const systemRoutes = (routes: () => AnyRoute[]): AnyRoute[] => [
  route({
    url: '/health',
    summary: 'Liveness: answers without touching the stores or needing a token.',
    tag: 'system',
    public: true,
    query: NoQuery,
    handle: async () => ({ status: 'ok' }),
  }),
  route({
    url: '/openapi.json',
    summary: 'This API described in OpenAPI 3.1.',
    tag: 'system',
    query: NoQuery,
    handle: async () => openApiDocument(routes(), VERSION),
  }),
];

/** Every route of the API, in documentation order. */
export const apiRoutes = (context: ApiContext): AnyRoute[] => {
  const routes: AnyRoute[] = [];
  routes.push(
    ...systemRoutes(() => routes),
    ...reportRoutes(context),
    ...taskRoutes(context),
    ...analyticsRoutes(context),
    ...exportRoutes(context),
  );
  return routes;
};

const register = (app: FastifyInstance, spec: AnyRoute): void => {
  app.get(spec.url, { config: { public: spec.public ?? false } }, async (request, reply) => {
    const params = spec.params ? spec.params.parse(request.params) : {};
    const query = spec.query ? spec.query.parse(request.query ?? {}) : {};
    return spec.handle({ params, query, reply });
  });
};

/** Builds the read-only API over the given stores; never listens (main.ts does). */
export const buildApp = (options: ApiOptions): FastifyInstance => {
  // No access log per request (it would dominate the cost of cheap reads); failures are logged once by the error handler.
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new LogController({ disableRequestLogging: true }),
    exposeHeadRoutes: false,
  });
  const authorised = options.token ? bearerMatcher(options.token) : () => true;
  const position = positionCache(options.readStore, options.positionTtlMs ?? 1000);
  app.addHook('onRequest', async (request, reply) => {
    const isPublic = (request.routeOptions.config as { public?: boolean } | undefined)?.public === true;
    if (!isPublic && !authorised(request.headers.authorization)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'Unauthorized', reason: 'a valid bearer token is required' });
    }
    reply.header('x-ledger-position', (await position()) ?? 'none');
    return undefined;
  });
  app.setErrorHandler((error, request, reply) => {
    const mapped = mapError(error);
    if (mapped.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status: mapped.status, reason: mapped.body.reason }, 'request rejected');
    return reply.code(mapped.status).send(mapped.body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'NotFound', reason: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
  for (const spec of apiRoutes(options)) register(app, spec);
  return app;
};
