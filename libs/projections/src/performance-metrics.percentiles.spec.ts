import fc from 'fast-check';
import { completed, executionIdFor } from '@taskledger/events/testing';
import { given } from '../test/given';
import { performanceMetricsProjection as projection } from './performance-metrics.projection';

const A = 'B-001';
const runs = (durations: readonly number[]) =>
  durations.map((durationMs, i) => completed(A, { executionId: executionIdFor(i + 1), durationMs }));
const docOf = (durations: readonly number[]) => given(projection, runs(durations)).doc(A);

describe('performance_metrics percentiles', () => {
  describe('given few executions', () => {
    it('interpolates between the exact durations: a p95 of two runs is never below their average', () =>
      expect(docOf([600, 640])).toMatchObject({
        avgDurationMs: 620,
        medianDurationMs: 620,
        p95DurationMs: 638,
        p99DurationMs: 639.6,
      }));

    it('gives the exact percentiles of 256 durations', () =>
      expect(docOf(Array.from({ length: 256 }, (_, i) => 256 - i))).toMatchObject({
        medianDurationMs: 128.5,
        p95DurationMs: 243.25,
        p99DurationMs: 253.45,
      }));

    it('gives the same document for the same durations in any order (the exact values are kept sorted)', () =>
      fc.assert(
        fc.property(
          fc
            .array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 40 })
            .chain((values) =>
              fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length })),
            ),
          ([values, shuffled]) => {
            const [first, second] = [docOf(values), docOf(shuffled)];
            expect({ ...first, updatedAt: '', lastExecutionAt: '', latestEventAt: '' }).toEqual({
              ...second,
              updatedAt: '',
              lastExecutionAt: '',
              latestEventAt: '',
            });
          },
        ),
        { numRuns: 50 },
      ));
  });

  describe('given more than 256 executions', () => {
    it('reads the percentiles from the sketch, within 1%, and no longer keeps the exact durations', () => {
      const doc = docOf(Array.from({ length: 300 }, (_, i) => (i + 1) * 10));
      const within1Percent = (value: number | null, exact: number) =>
        expect(Math.abs(value! - exact) / exact).toBeLessThanOrEqual(0.01);
      within1Percent(doc.medianDurationMs, 1505);
      within1Percent(doc.p95DurationMs, 2850.5);
      expect(doc.durations.count).toBe(300);
      expect(doc.exactDurations).toBeNull();
    });
  });
});
