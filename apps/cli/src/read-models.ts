import { asOfJson, asOfPoint, asOfStores, AsOfPoint, parseAsOf } from '@taskledger/projection-runtime';
import { readModels } from '@taskledger/projections';
import { catchUpReadModels, prepareAsOf, Stores } from '@taskledger/stores';
import { CliContext } from './cli-context';
import { progressReporter } from './progress-line';

/** How a reading command was asked to answer: `--as-of` (absent: now) and `--format`. */
export interface ReadOptions {
  asOf?: string;
  format?: string;
}

/** The first line of text output under `--as-of`: which position and time the answer reflects. */
export const asOfLine = (point: AsOfPoint): string => {
  const { position, time } = asOfJson(point);
  return position === null
    ? 'As of ledger position 0 (before the first event: an empty ledger)'
    : `As of ledger position ${position} (${time})`;
};

/**
 * With `--as-of`: the stores as they stood then (the log up to that point, the read models folded
 * over it), and the output says which point that is (a first line of text, or `asOf` in JSON).
 */
const pastStores = async (context: CliContext, stores: Stores, asOf: string, format?: string): Promise<Stores> => {
  const point = await asOfPoint(stores, parseAsOf(asOf), readModels);
  const past = asOfStores(stores, point, readModels);
  context.asOf = asOfJson(point);
  if (format !== 'json') (format === 'csv' ? context.warn : context.print).call(context, asOfLine(point));
  return { ...stores, eventStore: past.eventStore, readStore: past.readStore };
};

/**
 * The event log (without read models) for a command that reads events only; with `--as-of`,
 * only the events up to that moment.
 */
export const withLog = <T>(context: CliContext, options: ReadOptions, work: (stores: Stores) => Promise<T>) => {
  if (options.asOf !== undefined) parseAsOf(options.asOf);
  return context.withStores(async (stores) =>
    work(options.asOf === undefined ? stores : await pastStores(context, stores, options.asOf, options.format)),
  );
};

/**
 * Opens the stores and, in embedded mode, brings the read models up to date first (showing
 * progress on stderr when there is much to do), so what a command prints is always current;
 * with `--as-of`, hands `work` the read models as they stood at that moment instead.
 */
export const withReadModels = <T>(
  context: CliContext,
  work: (stores: Stores) => Promise<T>,
  options: ReadOptions = {},
): Promise<T> => {
  if (options.asOf !== undefined) parseAsOf(options.asOf);
  return context.withStores(async (stores) => {
    const progress = progressReporter(context.io.stderr, 'updating read models');
    await catchUpReadModels(stores, { onProgress: progress.update });
    progress.done();
    if (options.asOf === undefined) return work(stores);
    await prepareAsOf(stores);
    return work(await pastStores(context, stores, options.asOf, options.format));
  });
};
