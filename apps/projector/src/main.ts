import { EXIT_CODE_OF, EXIT_PROBLEM, EXIT_USAGE, isTaskledgerError } from '@taskledger/errors';
import { loadConfig } from '@taskledger/config';
import { startProjector } from '@taskledger/projection-runtime';
import { openStoresWhenAvailable, selectProjections } from '@taskledger/stores';
import { parseProjectorArgs, USAGE } from './projector-args';
import { loggingObserver, progressLogger, projectorLogger } from './projector-log';

const main = async (): Promise<number> => {
  const args = parseProjectorArgs(process.argv.slice(2));
  if (args.help) return (process.stdout.write(`${USAGE}\n`), 0);
  const config = loadConfig();
  const log = projectorLogger(config.logLevel);
  const projections = selectProjections(args.only);
  const stores = await openStoresWhenAvailable(config, {
    onRetry: (error, delayMs) => log.warn({ delayMs }, `${(error as Error).message}; retrying in ${delayMs} ms`),
  });
  const projector = await startProjector({
    eventStore: stores.eventStore,
    readStore: stores.readStore,
    projections,
    onPoison: args.onPoison,
    host: config.projector.host,
    port: args.port ?? config.projector.port,
    observer: loggingObserver(log),
    onProgress: progressLogger(log),
  });
  const settings = {
    projections: projections.map((p) => p.name),
    eventStore: stores.locations.eventStore,
    readStore: stores.locations.readStore,
    onPoison: args.onPoison,
    logLevel: config.logLevel,
  };
  log.info(
    { config: settings, port: projector.port },
    `running; health on http://${config.projector.host}:${projector.port}/health, metrics on /metrics`,
  );
  const stop = (signal: string) => {
    log.info({ signal }, 'finishing the batch in hand');
    void projector.stop();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  try {
    const progress = await projector.done;
    log.info({ processed: progress.processed }, `stopped after ${progress.processed} events`);
    return 0;
  } finally {
    await projector.stop().catch(() => undefined);
    await stores.close();
  }
};

/** Bad flags (node's parseArgs), settings or projection names: exit 2 with the usage. */
const exitCodeOf = (error: unknown): number => {
  if (String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')) return EXIT_USAGE;
  return isTaskledgerError(error) ? EXIT_CODE_OF[error.code] : EXIT_PROBLEM;
};

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const code = exitCodeOf(error);
    process.stderr.write(`projector: ${(error as Error).message}\n${code === EXIT_USAGE ? `\n${USAGE}\n` : ''}`);
    process.exitCode = code;
  },
);
