import { EXIT_CODE_OF, EXIT_PROBLEM, isTaskledgerError } from '@taskledger/errors';
import { existsSync } from 'node:fs';
import { loadConfig } from '@taskledger/config';
import { dashboardAssetsDir } from '@taskledger/dashboard';
import { openStoresWhenAvailable } from '@taskledger/stores';
import { apiMetrics, buildApp, buildMetricsApp } from '@taskledger/query-http';

/** The composition root: reads configuration, opens the stores, listens; SIGTERM / SIGINT close both. */
const main = async (): Promise<void> => {
  const config = loadConfig();
  const stores = await openStoresWhenAvailable(config, {
    onRetry: (error, delayMs) =>
      process.stderr.write(`query-api: ${(error as Error).message}; retrying in ${delayMs} ms\n`),
  });
  const metrics = apiMetrics(stores.readStore);
  const app = buildApp({
    readStore: stores.readStore,
    eventStore: stores.eventStore,
    token: config.api.token,
    metrics,
    dashboard: existsSync(dashboardAssetsDir) ? dashboardAssetsDir : null,
    logger: { level: config.logLevel, base: { service: 'query-api' } },
  });
  const metricsApp = config.api.metricsPort === null ? null : buildMetricsApp(metrics);
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await metricsApp?.close();
    await stores.close();
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  try {
    await app.listen({ host: config.api.host, port: config.api.port });
    const metricsAt = metricsApp
      ? await metricsApp.listen({ host: config.api.host, port: config.api.metricsPort ?? 0 })
      : null;
    app.log.info(
      {
        config: {
          eventStore: stores.locations.eventStore,
          readStore: stores.locations.readStore,
          host: config.api.host,
          port: config.api.port,
          token: config.api.token ? '[redacted]' : null,
          metrics: metricsAt ? `${metricsAt}/metrics (no token)` : '/prometheus (bearer-token rule)',
          logLevel: config.logLevel,
        },
      },
      'query API started',
    );
  } catch (error) {
    await metricsApp?.close();
    await stores.close();
    throw error;
  }
};

/** A bad setting is exit 2 (fix the setting), as for the CLI and the projector; anything else 1. */
main().catch((error: unknown) => {
  process.stderr.write(`query-api: ${(error as Error).message ?? String(error)}\n`);
  process.exitCode = isTaskledgerError(error) ? EXIT_CODE_OF[error.code] : EXIT_PROBLEM;
});
