import { existsSync } from 'node:fs';
import { dashboardAssetsDir } from '@taskledger/dashboard';
import { TaskledgerError } from '@taskledger/errors';
import { Command } from 'commander';
import { startProjector } from '@taskledger/projection-runtime';
import { readModels } from '@taskledger/projections';
import { CliContext } from '../cli-context';
import { portNumber } from './cli-options';

/** `taskledger serve`: the query API; in embedded mode with an in-process projector keeping it current. */
/** An interface that does not exist here, or a port taken or not allowed: fix --host / --port (exit 2). */
const cannotListen = (host: string, port: number, error: unknown): unknown => {
  const code = String((error as { code?: unknown }).code ?? '');
  if (!['ENOTFOUND', 'EADDRNOTAVAIL', 'EADDRINUSE', 'EACCES', 'EAI_AGAIN'].includes(code)) return error;
  const reason = code === 'EADDRINUSE' ? 'the port is in use' : code === 'EACCES' ? 'not allowed' : 'no such interface';
  return new TaskledgerError(
    'InvalidArgument',
    `cannot listen on ${host}:${port} (${reason}, ${code}); choose another --host / --port`,
  );
};

export const registerServe = (program: Command, context: CliContext): void => {
  program
    .command('serve')
    .description('serve the read-only HTTP query API (embedded mode: with an in-process projector)')
    .option('--port <port>', 'port, 0-65535 (default TASKLEDGER_API_PORT or 3000)', portNumber)
    .option('--host <host>', 'interface (default TASKLEDGER_API_HOST or 127.0.0.1)')
    .addHelpText(
      'after',
      '\nThe dashboard is at http://<host>:<port>/ (it asks for the token when one is set).\n' +
        'TASKLEDGER_API_TOKEN set: every route but /health and the page needs "Authorization: Bearer <token>".\n' +
        'It runs until Ctrl-C (or SIGTERM): query it from another terminal.\n' +
        '\nExamples:\n  taskledger serve --port 8080\n  curl localhost:8080/status        # in another terminal, while serve runs',
    )
    .action(async (options: { port?: number; host?: string }) => {
      const config = context.config();
      await context.withStores(async (stores) => {
        const projector = stores.embedded
          ? await startProjector({
              eventStore: stores.eventStore,
              readStore: stores.readStore,
              projections: readModels,
              port: null,
              processMetrics: false,
            })
          : null;
        // Loaded here: fastify is not needed by any other command.
        const { apiMetrics, buildApp } = await import('@taskledger/query-http');
        const metrics = apiMetrics(stores.readStore, projector ? { more: projector.metricsText } : {});
        const { readStore, eventStore } = stores;
        const dashboard = existsSync(dashboardAssetsDir) ? dashboardAssetsDir : null;
        const app = buildApp({ readStore, eventStore, token: config.api.token, metrics, dashboard });
        const host = options.host ?? config.api.host;
        const port = options.port ?? config.api.port;
        const address = await app.listen({ host, port }).catch(async (error: unknown) => {
          await projector?.stop();
          throw cannotListen(host, port, error);
        });
        context.warn(`query API on ${address}${projector ? ' (projecting in-process)' : ''}; Ctrl-C to stop`);
        context.warn(
          dashboard ? `dashboard: open ${address}/ in a browser` : 'dashboard not built (run npm run build)',
        );
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await app.close();
        await projector?.stop();
      });
    });
};
