export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Milliseconds since the epoch of an ISO timestamp. Events are validated before they are
 * written, so an unparsable time cannot occur; it maps to 0 rather than throwing (history is fact).
 */
export const epochMs = (iso: string): number => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
};

/** The same instant as `YYYY-MM-DDTHH:mm:ss.sssZ`, so stored times sort as text whatever offset was written. */
export const utcTimestamp = (iso: string): string => new Date(epochMs(iso)).toISOString();

/** `YYYY-MM-DD` (UTC) of an instant in epoch milliseconds. */
export const dayKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** `YYYY-MM-DDTHH` (UTC) of an instant in epoch milliseconds. */
export const hourKey = (ms: number): string => new Date(ms).toISOString().slice(0, 13);

/** The later of two UTC timestamps (null counts as earliest). */
export const laterTimestamp = (a: string | null, b: string): string => (a !== null && a > b ? a : b);

/**
 * Keeps the buckets whose key is at or after `cutoffKey` and adds `delta` to `key` when it is
 * retained; the result has its keys in ascending order, so its JSON text is stable.
 */
export const bumpBucket = <V>(
  buckets: Readonly<Record<string, V>>,
  key: string,
  cutoffKey: string,
  update: (current: V | undefined) => V,
): Record<string, V> => {
  const entries = Object.entries(buckets).filter(([bucket]) => bucket >= cutoffKey && bucket !== key);
  if (key >= cutoffKey) entries.push([key, update(buckets[key])]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
};
