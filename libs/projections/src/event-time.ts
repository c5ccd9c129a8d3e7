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

const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

/** `YYYY-MM-DDTHH:mm:ss.sssZ`: `d` a digit, any other character itself. */
const CANONICAL_SHAPE = 'dddd-dd-ddTdd:dd:dd.dddZ';

/** The number written by the two digits at `index` (the text has the canonical shape). */
const twoDigitsAt = (text: string, index: number): number =>
  (text.charCodeAt(index) - 48) * 10 + text.charCodeAt(index + 1) - 48;

const hasCanonicalShape = (text: string): boolean => {
  if (text.length !== CANONICAL_SHAPE.length) return false;
  for (let index = 0; index < CANONICAL_SHAPE.length; index += 1) {
    const code = text.charCodeAt(index);
    const expected = CANONICAL_SHAPE.charCodeAt(index);
    if (expected === 100 ? code < 48 || code > 57 : code !== expected) return false;
  }
  return true;
};

/**
 * True when the text is `YYYY-MM-DDTHH:mm:ss.sssZ` with every field in range, which is exactly
 * what formatting its instant gives back (out-of-range days or hours would roll over).
 * Read character by character: it runs for every time of every event.
 */
export const isCanonicalUtc = (text: string): boolean => {
  if (!hasCanonicalShape(text)) return false;
  const month = twoDigitsAt(text, 5);
  const day = twoDigitsAt(text, 8);
  const year = twoDigitsAt(text, 0) * 100 + twoDigitsAt(text, 2);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    twoDigitsAt(text, 11) <= 23 &&
    twoDigitsAt(text, 14) <= 59 &&
    twoDigitsAt(text, 17) <= 59
  );
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

/** `dayKey(epochMs(utc) - days * DAY_MS)`: the day `days` days before the day of `utc`. */
export const daysBefore =
  (days: number): ((utc: string) => string) =>
  (utc) =>
    dayKey(epochMs(utc) - days * DAY_MS);

/** `hourKey(epochMs(utc) - hours * HOUR_MS)`: the hour `hours` hours before the hour of `utc`. */
export const hoursBefore =
  (hours: number): ((utc: string) => string) =>
  (utc) =>
    hourKey(epochMs(utc) - hours * HOUR_MS);

/** The later of two UTC timestamps (null counts as earliest). */
export const laterTimestamp = (a: string | null, b: string): string => (a !== null && a > b ? a : b);
