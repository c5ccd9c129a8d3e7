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

/** Bad flags, settings or projection names: say so with the usage, exit 2. */
const isUsageError = (error: unknown): boolean => {
  const code = String((error as { code?: unknown }).code ?? '');
  return (
    code.startsWith('ERR_PARSE_ARGS') ||
    ['InvalidConfig', 'InvalidArgument'].includes(code) ||
    (error as Error).message.startsWith('--')
  );
};

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const usage = isUsageError(error);
    process.stderr.write(`projector: ${(error as Error).message}\n${usage ? `\n${USAGE}\n` : ''}`);
    process.exitCode = usage ? 2 : 1;
  },
);
