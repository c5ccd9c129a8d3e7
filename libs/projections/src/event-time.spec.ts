import fc from 'fast-check';
import { bumpBucket, DAY_MS, dayKey, daysBefore, HOUR_MS, hourKey, hoursBefore, utcDayKey, utcHourKey, utcTimestamp } from './event-time';

/** The definitions the faster helpers must agree with. */
const reference = {
  epochMs: (iso: string): number => (Number.isFinite(Date.parse(iso)) ? Date.parse(iso) : 0),
  utcTimestamp: (iso: string): string => new Date(reference.epochMs(iso)).toISOString(),
  bumpBucket: <V>(buckets: Record<string, V>, key: string, cutoffKey: string, update: (current: V | undefined) => V) => {
    const entries = Object.entries(buckets).filter(([bucket]) => bucket >= cutoffKey && bucket !== key);
    if (key >= cutoffKey) entries.push([key, update(buckets[key])]);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  },
};

const instant = fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }); // years 0000 to 9999
const twoDigits = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
/** The canonical shape with any two-digit fields: Feb 30, month 13, hour 24 and the like included. */
const canonicalShaped = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), twoDigits, twoDigits, twoDigits, twoDigits, twoDigits, fc.integer({ min: 0, max: 999 }))
  .map(([y, mo, d, h, mi, s, ms]) => `${String(y).padStart(4, '0')}-${mo}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, '0')}Z`);
const withOffset = fc
  .tuple(instant, fc.integer({ min: -14, max: 14 }))
  .map(([ms, hours]) => `${new Date(ms + hours * HOUR_MS).toISOString().slice(0, 19)}${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:00`);
const anyTimestamp = fc.oneof(instant.map((ms) => new Date(ms).toISOString()), canonicalShaped, withOffset, fc.string());

describe('event time', () => {
  describe('utcTimestamp', () => {
    it('gives what parsing and formatting the time gives, for any text', () =>
      fc.assert(fc.property(anyTimestamp, (iso) => expect(utcTimestamp(iso)).toBe(reference.utcTimestamp(iso))), { numRuns: 2000 }));
  });

  describe('given a UTC timestamp', () => {
    const utc = instant.map((ms) => new Date(ms).toISOString());

    it('reads its day and hour keys from the text', () =>
      fc.assert(
        fc.property(utc, (at) => {
          expect(utcDayKey(at)).toBe(dayKey(Date.parse(at)));
          expect(utcHourKey(at)).toBe(hourKey(Date.parse(at)));
        }),
      ));

    it('finds the start of a retention window as days or hours before it', () =>
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 800 }), fc.array(utc, { maxLength: 20 }), (n, times) => {
          const [days, hours] = [daysBefore(n), hoursBefore(n)];
          for (const at of [...times, ...times.map((time) => `${time.slice(0, 11)}00:00:00.000Z`)]) {
            expect(days(at)).toBe(dayKey(Date.parse(at) - n * DAY_MS));
            expect(hours(at)).toBe(hourKey(Date.parse(at) - n * HOUR_MS));
          }
        }),
      ));
  });

  describe('bumpBucket', () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`);
    const sortedBuckets = fc.uniqueArray(day, { maxLength: 12 }).map((days) => Object.fromEntries([...days].sort().map((d, i) => [d, i + 1])));
    const anyBuckets = fc.dictionary(day, fc.nat({ max: 9 }), { maxKeys: 12 });

    it('keeps the window, counts the key and orders the keys as a sort would', () =>
      fc.assert(
        fc.property(fc.oneof(sortedBuckets, anyBuckets), day, day, (buckets, key, cutoff) => {
          const increment = (n = 0) => n + 1;
          const bumped = bumpBucket(buckets, key, cutoff, increment);
          expect(JSON.stringify(bumped)).toBe(JSON.stringify(reference.bumpBucket(buckets, key, cutoff, increment)));
        }),
        { numRuns: 500 },
      ));
  });
});
