import fc from 'fast-check';
import {
  DAY_MS,
  dayKey,
  daysBefore,
  HOUR_MS,
  hourKey,
  hoursBefore,
  isCanonicalUtc,
  utcDayKey,
  utcHourKey,
  utcTimestamp,
} from './event-time';

/** The definitions the faster helpers must agree with. */
const reference = {
  epochMs: (iso: string): number => (Number.isFinite(Date.parse(iso)) ? Date.parse(iso) : 0),
  utcTimestamp: (iso: string): string => new Date(reference.epochMs(iso)).toISOString(),
  isCanonicalUtc: (text: string): boolean => reference.utcTimestamp(text) === text,
};

const instant = fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }); // years 0000 to 9999
const twoDigits = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
/** The canonical shape with any two-digit fields: Feb 30, month 13, hour 24 and the like included. */
const canonicalShaped = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    twoDigits,
    twoDigits,
    twoDigits,
    twoDigits,
    twoDigits,
    fc.integer({ min: 0, max: 999 }),
  )
  .map(
    ([y, mo, d, h, mi, s, ms]) =>
      `${String(y).padStart(4, '0')}-${mo}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, '0')}Z`,
  );
const withOffset = fc
  .tuple(instant, fc.integer({ min: -14, max: 14 }))
  .map(
    ([ms, hours]) =>
      `${new Date(ms + hours * HOUR_MS).toISOString().slice(0, 19)}${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:00`,
  );
const anyTimestamp = fc.oneof(
  instant.map((ms) => new Date(ms).toISOString()),
  canonicalShaped,
  withOffset,
  fc.string(),
);
/** A canonical time with one character replaced: each field's edge cases, separators and length. */
const nearlyCanonical = fc
  .tuple(
    instant,
    fc.nat({ max: 24 }),
    fc.constantFrom('', '0', '1', '2', '3', '5', '6', '9', '/', ':', 'T', 'Z', '-', '.', ' ', '٣', '00'),
  )
  .map(([ms, index, char]) => {
    const text = new Date(ms).toISOString();
    return `${text.slice(0, index)}${char}${text.slice(index + 1)}`;
  });

describe('event time', () => {
  describe('utcTimestamp', () => {
    it('gives what parsing and formatting the time gives, for any text', () =>
      fc.assert(
        fc.property(anyTimestamp, (iso) => expect(utcTimestamp(iso)).toBe(reference.utcTimestamp(iso))),
        { numRuns: 2000 },
      ));
  });

  describe('isCanonicalUtc', () => {
    it('holds exactly for the text formatting its own instant gives back', () =>
      fc.assert(
        fc.property(fc.oneof(anyTimestamp, nearlyCanonical), (text) =>
          expect(isCanonicalUtc(text)).toBe(reference.isCanonicalUtc(text)),
        ),
        { numRuns: 3000 },
      ));

    it.each(['2024-02-29T23:59:59.999Z', '2000-02-29T00:00:00.000Z', '0000-01-01T00:00:00.000Z'])(
      'holds for %s',
      (text) => expect(isCanonicalUtc(text)).toBe(true),
    );

    it.each([
      '2023-02-29T00:00:00.000Z',
      '1900-02-29T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T00:60:00.000Z',
      '2026-01-01T00:00:00.000z',
      '2026-01-01T00:00:00Z',
    ])('does not hold for %s', (text) => expect(isCanonicalUtc(text)).toBe(false));
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
});
