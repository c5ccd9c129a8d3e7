import fc from 'fast-check';
import { DDSketch } from '@datadog/sketches-js';

import { addToSketch, DurationSketch, emptySketch, quantile, quantiles, sketchMean } from './duration-sketch';

const sketchOf = (values: readonly number[], start: DurationSketch = emptySketch()): DurationSketch =>
  values.reduce(addToSketch, start);
const json = (sketch: DurationSketch): string => JSON.stringify(sketch);
const roundTrip = (sketch: DurationSketch): DurationSketch => JSON.parse(JSON.stringify(sketch)) as DurationSketch;

const duration = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 1_000 }),
  fc.integer({ min: 0, max: 86_400_000 }),
  fc.double({ min: 0, max: 1e7, noNaN: true }),
);
const durations = fc.array(duration, { maxLength: 60 });
const runs = { numRuns: 200 };

describe('duration sketch', () => {
  describe('given the same durations in any order', () => {
    it('is the same JSON text', () =>
      fc.assert(
        fc.property(
          durations.chain((values) =>
            fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length })),
          ),
          ([values, shuffled]) => json(sketchOf(values)) === json(sketchOf(shuffled)),
        ),
        runs,
      ));

    it('is the same after decoding, adding and encoding again as when built in one go', () =>
      fc.assert(
        fc.property(durations, durations, (first, more) => {
          const resumed = more.reduce((sketch, value) => addToSketch(roundTrip(sketch), value), sketchOf(first));
          return json(roundTrip(resumed)) === json(sketchOf([...first, ...more]));
        }),
        runs,
      ));
  });

  describe('when asked for a quantile', () => {
    it('is within 1% of the exact lower quantile', () =>
      fc.assert(
        fc.property(
          fc.array(duration, { minLength: 1, maxLength: 60 }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (values, q) => {
            const sorted = [...values].sort((x, y) => x - y);
            const exact = sorted[Math.floor(q * (sorted.length - 1))]!;
            const estimate = quantile(sketchOf(values), q)!;
            return Math.abs(estimate - exact) <= exact * 0.01 + 0.0005;
          },
        ),
        runs,
      ));

    it('is null for an empty sketch or a quantile outside 0..1', () => {
      expect(quantile(emptySketch(), 0.5)).toBeNull();
      expect(quantile(sketchOf([5]), 1.5)).toBeNull();
      expect(quantile(sketchOf([5]), Number.NaN)).toBeNull();
    });

    it('is the exact value for a single duration (clamped to min and max)', () =>
      expect(quantile(sketchOf([1234.5]), 0.99)).toBe(1234.5));
  });

  describe('when asked for several quantiles at once', () => {
    const q = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.5, 0.95, 0.99, 1), fc.double());
    /** Sketches as stored, and as a hand-edited or foreign document might hold them (counts that do not add up). */
    const anySketch = fc.oneof(
      durations.map((values) => sketchOf(values)),
      fc.record({
        relativeAccuracy: fc.constant(0.01),
        count: fc.nat({ max: 50 }),
        zeroCount: fc.integer({ min: -2, max: 5 }),
        bins: fc
          .uniqueArray(fc.integer({ min: -50, max: 1500 }), { maxLength: 12 })
          .chain((keys) =>
            fc.tuple(
              ...[...keys]
                .sort((a, b) => a - b)
                .map((key) => fc.tuple(fc.constant(key), fc.integer({ min: -2, max: 9 }))),
            ),
          ),
        sumMicros: fc.nat(),
        min: fc.option(fc.double({ min: 0, max: 1e7, noNaN: true })),
        max: fc.option(fc.double({ min: 0, max: 1e7, noNaN: true })),
      }),
    );

    it('gives what asking for each one by one gives, for ascending quantiles', () =>
      fc.assert(
        fc.property(anySketch, fc.array(q, { maxLength: 6 }), (sketch, unordered) => {
          const qs = unordered.filter((each) => !Number.isNaN(each)).sort((a, b) => a - b);
          expect(quantiles(sketch, qs)).toEqual(qs.map((each) => quantile(sketch, each)));
        }),
        { numRuns: 500 },
      ));

    it('gives the median, p95 and p99 the projections report', () => {
      const sketch = sketchOf(Array.from({ length: 100 }, (_, i) => (i + 1) * 10));
      expect(quantiles(sketch, [0.5, 0.95, 0.99])).toEqual([
        quantile(sketch, 0.5),
        quantile(sketch, 0.95),
        quantile(sketch, 0.99),
      ]);
    });
  });

  describe('given the library sketch over the same values', () => {
    it('uses the same bins (logarithmic mapping, 1% accuracy)', () =>
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 86_400_000 }), { maxLength: 40 }), (values) => {
          const library = new DDSketch({ relativeAccuracy: 0.01 });
          values.forEach((value) => library.accept(value));
          const libraryBins = library.store.bins
            .map((count, index): [number, number] => [index + library.store.offset, count])
            .filter(([, count]) => count > 0);
          expect(sketchOf(values).bins).toEqual(libraryBins);
        }),
        { numRuns: 50 },
      ));
  });

  describe('given durations a sketch cannot hold', () => {
    it('ignores negative and non-finite values', () =>
      expect(json(sketchOf([10, -1, Number.NaN, Number.POSITIVE_INFINITY]))).toBe(json(sketchOf([10]))));
  });

  it('keeps an exact mean in microseconds', () => expect(sketchMean(sketchOf([0.1, 0.2, 0.3]))).toBe(0.2));
});
