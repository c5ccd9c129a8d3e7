import fastifySwagger from '@fastify/swagger';
import Fastify, { FastifyInstance, FastifyServerOptions, LogController } from 'fastify';
import { validatorCompiler, ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiContext } from './api-context';
import { ApiMetrics, apiMetrics } from './api-metrics';
import { registerDashboard } from './dashboard-assets';
import { asOfScope } from './as-of';
import { NoQuery } from './api.schemas';
import { bearerMatcher } from './bearer-auth';
import { mapError } from './error-mapping';
import { swaggerOptions } from './openapi';
import { packageVersion } from './package-version';
import { positionCache } from './position-cache';
import { PositionStream, positionStream, PositionStreamOptions } from './position-stream';
import { rejectedRequest } from './request-validation';
import { ApiRoute, route } from './route-spec';
import { analyticsRoutes } from './routes/analytics.routes';
import { auditRoutes } from './routes/audit.routes';
import { dailyRoutes } from './routes/daily.routes';
import { exportRoutes } from './routes/exports.routes';
import { reportRoutes } from './routes/reports.routes';
import { streamRoutes } from './routes/stream.routes';
import { taskRoutes } from './routes/tasks.routes';
import { verifyRoutes } from './routes/verify.routes';

export interface ApiOptions extends ApiContext {
  /** When set, every route but /health and the dashboard files needs `Authorization: Bearer <token>`. Default null (no auth). */
  token?: string | null;
  /** Fastify logger settings. Default false (tests); main.ts turns it on. */
  logger?: FastifyServerOptions['logger'];
  /** How long the X-Ledger-Position value may be reused. Default 1000 ms. */
  positionTtlMs?: number;
  /**
   * Request metrics, served in the Prometheus text format at GET /prometheus (GET /metrics is the
   * performance read model) behind the bearer token like every route; pass the same set to a
   * separate, open metrics port. Default: a new set for this app.
   */
  metrics?: ApiMetrics;
  /** Directory of the built dashboard, served at `/` without the token. Default null (no page). */
  dashboard?: string | null;
  /** Timings of GET /events/stream. Defaults in PositionStreamOptions. */
  stream?: PositionStreamOptions;
}

const systemRoutes = (): ApiRoute[] => [
  route({
    url: '/health',
    schema: {
      summary: 'Liveness: answers without touching the stores or needing a token.',
      tags: ['system'],
      querystring: NoQuery,
    },
    config: { public: true },
    asOf: false,
    handler: async () => ({ status: 'ok' }),
  }),
  route({
    url: '/openapi.json',
    schema: { summary: 'This API described in OpenAPI 3.1.', tags: ['system'], querystring: NoQuery },
    asOf: false,
    handler: async (request) => request.server.swagger(),
  }),
];

const metricsRoute = (metrics: ApiMetrics): ApiRoute =>
  route({
    url: '/prometheus',
    schema: {
      summary:
        'Operational metrics in the Prometheus text format: requests by route pattern and status, durations, ledger position.',
      tags: ['system'],
      querystring: NoQuery,
    },
    asOf: false,
    handler: async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.text()),
  });

/** Every route of the API, in documentation order. */
export const apiRoutes = (context: ApiContext & { metrics?: ApiMetrics; stream?: PositionStream }): ApiRoute[] => [
  ...systemRoutes(),
  metricsRoute(context.metrics ?? apiMetrics(context.readStore)),
  ...streamRoutes(context.stream ?? positionStream(positionCache(context.readStore, 100))),
  ...reportRoutes(context),
  ...dailyRoutes(context),
  ...taskRoutes(context),
  ...analyticsRoutes(context),
  ...exportRoutes(context),
  ...auditRoutes(context),
  ...verifyRoutes(context),
];

/** Builds the read-only API over the given stores; never listens (main.ts does). */
export const buildApp = (options: ApiOptions): FastifyInstance => {
  // Fastify's own access log is off (it would dominate the cost of cheap reads at info); one line per request at debug.
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new LogController({ disableRequestLogging: true }),
    exposeHeadRoutes: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  const authorised = options.token ? bearerMatcher(options.token) : () => true;
  const position = positionCache(options.readStore, options.positionTtlMs ?? 1000);
  const metrics = options.metrics ?? apiMetrics(options.readStore);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.answered(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    request.log.debug({ method: request.method, route, status: reply.statusCode, ms: reply.elapsedTime }, 'request');
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.public !== true && !authorised(request.headers.authorization)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'Unauthorized', reason: 'a valid bearer token is required' });
    }
    reply.header('x-ledger-position', (await position()) ?? 'none');
    return undefined;
  });
  app.setErrorHandler((error, request, reply) => {
    const mapped = rejectedRequest(error) ?? mapError(error);
    if (mapped.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status: mapped.status, reason: mapped.body.reason }, 'request rejected');
    return reply.code(mapped.status).send(mapped.body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'NotFound', reason: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
  const stream = positionStream(positionCache(options.readStore, 100), options.stream);
  app.addHook('preClose', async () => stream.closeAll());
  void app.register(fastifySwagger, swaggerOptions(packageVersion()));
  const asOf = asOfScope(options);
  void app.register(async (scope) => {
    for (const spec of apiRoutes({ ...options, ...asOf.context, metrics, stream })) {
      spec.register(scope.withTypeProvider<ZodTypeProvider>(), asOf.around);
    }
  });
  if (options.dashboard) registerDashboard(app, options.dashboard);
  return app;
};
