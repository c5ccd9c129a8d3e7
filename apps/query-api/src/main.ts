import { loadConfig } from '@taskledger/config';
import { openStoresWhenAvailable } from '@taskledger/stores';
import { buildApp } from '@taskledger/query-http';

/** The composition root: reads configuration, opens the stores, listens; SIGTERM / SIGINT close both. */
const main = async (): Promise<void> => {
  const config = loadConfig();
  const stores = await openStoresWhenAvailable(config, {
    onRetry: (error, delayMs) =>
      process.stderr.write(`query-api: ${(error as Error).message}; retrying in ${delayMs} ms\n`),
  });
  const app = buildApp({
    readStore: stores.readStore,
    eventStore: stores.eventStore,
    token: config.api.token,
    logger: { level: 'info' },
  });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await stores.close();
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  try {
    await app.listen({ host: config.api.host, port: config.api.port });
  } catch (error) {
    await stores.close();
    throw error;
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`query-api: ${(error as Error).message ?? String(error)}\n`);
  process.exitCode = 1;
});
