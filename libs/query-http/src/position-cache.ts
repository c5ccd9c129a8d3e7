import { ledgerPosition } from '@taskledger/queries';
import { ReadStore } from '@taskledger/read-store';

/**
 * The read models' position, read at most once per `ttlMs` (concurrent requests share the read).
 * Reading it before the query means the data is at least as fresh as the header says.
 */
export const positionCache = (
  readStore: ReadStore,
  ttlMs: number,
  now: () => number = Date.now,
): (() => Promise<string | null>) => {
  let cached: { at: number; value: Promise<string | null> } | null = null;
  return () => {
    const time = now();
    if (cached === null || time - cached.at >= ttlMs) {
      const value = ledgerPosition(readStore);
      cached = { at: time, value };
      value.catch(() => (cached = null));
    }
    return cached.value;
  };
};
