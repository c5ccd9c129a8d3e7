import { EXIT_CODE_OF, EXIT_PROBLEM, EXIT_USAGE, isTaskledgerError } from '@taskledger/errors';
import { loadConfig } from '@taskledger/config';
import { startProjector } from '@taskledger/projection-runtime';
import { openStoresWhenAvailable, selectProjections } from '@taskledger/stores';
import { parseProjectorArgs, USAGE } from './projector-args';

const log = (message: string) => process.stderr.write(`${new Date().toISOString()} projector: ${message}\n`);

const main = async (): Promise<number> => {
  const args = parseProjectorArgs(process.argv.slice(2));
  if (args.help) return (process.stdout.write(`${USAGE}\n`), 0);
  const config = loadConfig();
  const projections = selectProjections(args.only);
  const stores = await openStoresWhenAvailable(config, {
    onRetry: (error, delayMs) => log(`${(error as Error).message}; retrying in ${delayMs} ms`),
  });
  const projector = await startProjector({
    eventStore: stores.eventStore,
    readStore: stores.readStore,
    projections,
    onPoison: args.onPoison,
    host: config.projector.host,
    port: args.port ?? config.projector.port,
  });
  log(
    `running ${projections.map((p) => p.name).join(', ')} over ${stores.locations.eventStore}; health on http://${config.projector.host}:${projector.port}/health`,
  );
  const stop = (signal: string) => {
    log(`${signal}: finishing the batch in hand`);
    void projector.stop();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  try {
    const progress = await projector.done;
    log(`stopped after ${progress.processed} events`);
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
