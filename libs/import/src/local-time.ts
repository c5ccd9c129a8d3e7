import { TaskledgerError } from '@taskledger/errors';

const DAY_MS = 86_400_000;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/** The machine's IANA time zone (TZ, else the system's). */
export const machineTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Throws InvalidArgument naming the `--timezone` setting unless `zone` is an IANA zone this Node knows. */
export const checkTimeZone = (zone: string): string => {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new TaskledgerError(
      'InvalidArgument',
      `--timezone "${zone}" is not an IANA time zone; use a name like Europe/Berlin or UTC`,
    );
  }
};

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (zone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
};

/** How far the zone's wall clock is ahead of UTC at the instant `utcMs`, in ms. */
const offsetAt = (utcMs: number, zone: string): number => {
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  );
  return wall - Math.floor(utcMs / 1000) * 1000;
};

/**
 * The UTC instant of a naive local time (`2025-08-10T09:10:53`) read as wall-clock time in `zone`,
 * or null when the text is not such a time. A time skipped by a DST change moves forward with
 * the clock; a repeated one is read as its first occurrence.
 */
export const naiveLocalToUtc = (text: string, zone: string): string | null => {
  const match = NAIVE.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction] = match;
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (Number.isNaN(wall)) return null;
  const before = offsetAt(wall - DAY_MS, zone);
  const offsets = new Set([before, offsetAt(wall, zone), offsetAt(wall + DAY_MS, zone)]);
  const readings = [...offsets].map((offset) => wall - offset).filter((utc) => wall - offsetAt(utc, zone) === utc);
  return new Date(readings.length > 0 ? Math.min(...readings) : wall - before).toISOString();
};
