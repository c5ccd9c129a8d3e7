export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * `fn` remembering its last argument and result, for callers that repeat one value many times
 * in a row (e.g. a retention window that moves once a day). `fn` must be pure.
 */
const rememberLast = <A, R>(fn: (argument: A) => R): ((argument: A) => R) => {
  let last: { argument: A; result: R } | null = null;
  return (argument) => {
    if (last === null || last.argument !== argument) last = { argument, result: fn(argument) };
    return last.result;
  };
};

/**
 * Milliseconds since the epoch of an ISO timestamp. Events are validated before they are
 * written, so an unparsable time cannot occur; it maps to 0 rather than throwing (history is fact).
 */
export const epochMs = rememberLast((iso: string): number => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
});

const CANONICAL_UTC = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

/**
 * True when the text is `YYYY-MM-DDTHH:mm:ss.sssZ` with every field in range, which is exactly
 * what formatting its instant gives back (out-of-range days or hours would roll over).
 */
export const isCanonicalUtc = (text: string): boolean => {
  const match = CANONICAL_UTC.exec(text);
  if (match === null) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(match[1]), month);
};

/**
 * The same instant as `YYYY-MM-DDTHH:mm:ss.sssZ`, so stored times sort as text whatever offset
 * was written. Times are nearly always written in that form already, and are then returned as
 * they are: parsing and formatting a date costs more than the rest of a small evolve step.
 */
export const utcTimestamp = (iso: string): string => (isCanonicalUtc(iso) ? iso : new Date(epochMs(iso)).toISOString());

/** `YYYY-MM-DD` (UTC) of an instant in epoch milliseconds. */
export const dayKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** `YYYY-MM-DDTHH` (UTC) of an instant in epoch milliseconds. */
export const hourKey = (ms: number): string => new Date(ms).toISOString().slice(0, 13);

/**
 * `dayKey` of a `utcTimestamp` result. The text already is the formatted instant, so its first
 * ten characters are what parsing and formatting it again would give.
 */
export const utcDayKey = (utc: string): string => utc.slice(0, 10);

/** `hourKey` of a `utcTimestamp` result (see `utcDayKey`). */
export const utcHourKey = (utc: string): string => utc.slice(0, 13);

/** The start of the UTC day (or hour: `unit` HOUR_MS) holding the instant. */
const startOf = (ms: number, unit: number): number => ms - (((ms % unit) + unit) % unit);

/**
 * `dayKey(epochMs(utc) - days * DAY_MS)`: the day `days` days before the day of `utc`. UTC days
 * are exactly DAY_MS long, so the result depends only on the day of `utc`, which changes
 * rarely; each window (one call of this) keeps its last answer.
 */
export const daysBefore = (days: number): ((utc: string) => string) => {
  const fromDayStart = rememberLast((dayStart: number) => dayKey(dayStart - days * DAY_MS));
  return (utc) => fromDayStart(startOf(epochMs(utc), DAY_MS));
};

/** `hourKey(epochMs(utc) - hours * HOUR_MS)`, depending only on the hour of `utc` (see `daysBefore`). */
export const hoursBefore = (hours: number): ((utc: string) => string) => {
  const fromHourStart = rememberLast((hourStart: number) => hourKey(hourStart - hours * HOUR_MS));
  return (utc) => fromHourStart(startOf(epochMs(utc), HOUR_MS));
};

/** The later of two UTC timestamps (null counts as earliest). */
export const laterTimestamp = (a: string | null, b: string): string => (a !== null && a > b ? a : b);

/**
 * Keeps the buckets whose key is at or after `cutoffKey` and adds `delta` to `key` when it is
 * retained; the result has its keys in ascending order, so its JSON text is stable. Buckets
 * come in ascending order (this function wrote them), so no sort is needed, and in the usual
 * case (nothing expired, `key` the newest) the result is a copy with `key` set last.
 */
export const bumpBucket = <V>(
  buckets: Readonly<Record<string, V>>,
  key: string,
  cutoffKey: string,
  update: (current: V | undefined) => V,
): Record<string, V> => {
  const keys = Object.keys(buckets);
  for (let index = 1; index < keys.length; index += 1) {
    if (keys[index]! < keys[index - 1]!) return sortedBumpBucket(buckets, key, cutoffKey, update);
  }
  const first = keys[0];
  const last = keys[keys.length - 1];
  if (key >= cutoffKey && (first === undefined || first >= cutoffKey) && (last === undefined || key >= last)) {
    return { ...buckets, [key]: update(buckets[key]) };
  }
  const entries: [string, V][] = [];
  let pending = key >= cutoffKey;
  for (const bucket of keys) {
    if (bucket < cutoffKey || bucket === key) continue;
    if (pending && key < bucket) {
      entries.push([key, update(buckets[key])]);
      pending = false;
    }
    entries.push([bucket, buckets[bucket] as V]);
  }
  if (pending) entries.push([key, update(buckets[key])]);
  return Object.fromEntries(entries);
};

/** The same, for buckets not in ascending order (never written by this code). */
const sortedBumpBucket = <V>(
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
