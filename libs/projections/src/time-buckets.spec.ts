import fc from 'fast-check';
import { HOUR_MS, hourKey } from './event-time';
import { bumpBucket } from './time-buckets';

/** The definition the faster helper must agree with. */
const reference = <V>(
  buckets: Record<string, V>,
  key: string,
  cutoffKey: string,
  update: (current: V | undefined) => V,
) => {
  const entries = Object.entries(buckets).filter(([bucket]) => bucket >= cutoffKey && bucket !== key);
  if (key >= cutoffKey) entries.push([key, update(buckets[key])]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
};

const increment = (n = 0) => n + 1;
const json = (value: unknown): string => JSON.stringify(value);

describe('bumpBucket', () => {
  const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`);
  const sortedBuckets = fc
    .uniqueArray(day, { maxLength: 12 })
    .map((days) => Object.fromEntries([...days].sort().map((d, i) => [d, i + 1])));
  const anyBuckets = fc.dictionary(day, fc.nat({ max: 9 }), { maxKeys: 12 });

  it('keeps the window, counts the key and orders the keys as a sort would', () =>
    fc.assert(
      fc.property(fc.oneof(sortedBuckets, anyBuckets), day, day, (buckets, key, cutoff) => {
        expect(json(bumpBucket(buckets, key, cutoff, increment))).toBe(
          json(reference(buckets, key, cutoff, increment)),
        );
      }),
      { numRuns: 500 },
    ));

  describe('given hundreds of buckets (a month of hours)', () => {
    const hour = fc.integer({ min: 0, max: 400 }).map((n) => hourKey(Date.UTC(2026, 0, 1) + n * HOUR_MS));
    const steps = fc.array(fc.tuple(hour, fc.integer({ min: 0, max: 60 })), { minLength: 1, maxLength: 30 });
    const start = fc
      .uniqueArray(hour, { minLength: 250, maxLength: 350 })
      .map((hours) => Object.fromEntries(hours.sort().map((h) => [h, 1])));

    it('gives what the sort would after each of many bumps, as the window moves', () =>
      fc.assert(
        fc.property(start, steps, (buckets, bumps) => {
          let bumped: Record<string, number> = buckets;
          let expected: Record<string, number> = buckets;
          for (const [key, cutoffHours] of bumps) {
            const cutoff = hourKey(Date.UTC(2026, 0, 1) + cutoffHours * HOUR_MS);
            bumped = bumpBucket(Object.freeze(bumped), key, cutoff, increment);
            expected = reference(expected, key, cutoff, increment);
            expect(json(bumped)).toBe(json(expected));
          }
        }),
        { numRuns: 60 },
      ));
  });

  describe('given keys objects list out of insertion order or treat specially', () => {
    it.each([
      [{ '10': 1, '9': 2, a: 3 }, '2', '0'],
      [{ a: 1, b: 2 }, '__proto__', 'a'],
      [JSON.parse('{"__proto__": 1, "b": 2}') as Record<string, number>, 'c', 'a'],
    ])('gives what the sort would for %j bumped at %j', (buckets, key, cutoff) =>
      expect(json(bumpBucket(buckets, key, cutoff, increment))).toBe(json(reference(buckets, key, cutoff, increment))),
    );
  });
});
