import { catchUpReadModels, Stores } from '@taskledger/stores';
import { CliContext } from './cli-context';
import { progressReporter } from './progress-line';

/**
 * Opens the stores and, in embedded mode, brings the read models up to date first (showing
 * progress on stderr when there is much to do), so what a command prints is always current.
 */
export const withReadModels = <T>(context: CliContext, work: (stores: Stores) => Promise<T>): Promise<T> =>
  context.withStores(async (stores) => {
    const progress = progressReporter(context.io.stderr, 'updating read models');
    await catchUpReadModels(stores, { onProgress: progress.update });
    progress.done();
    return work(stores);
  });
