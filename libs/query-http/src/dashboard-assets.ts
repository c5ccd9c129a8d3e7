import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the dashboard's built files (index.html at `/`) without the bearer token: the page asks
 * for the token and sends it with its data calls. Each file is a route of its own (no wildcard),
 * so unknown paths still answer as before, and none is listed in /openapi.json.
 */
export const registerDashboard = (app: FastifyInstance, root: string): void => {
  void app.register(async (scope) => {
    scope.addHook('onRoute', (options) => {
      options.config = { ...(options.config ?? {}), public: true };
    });
    await scope.register(fastifyStatic, { root, wildcard: false, index: 'index.html', schemaHide: true });
  });
};
