import {
  attemptFailed,
  completed,
  executionFailed,
  executionIdFor,
  registered,
  started,
} from '@taskledger/events/testing';
import { given } from '../test/given';
import { performanceMetricsProjection as projection } from './performance-metrics.projection';
import { PerformanceMetricsDoc } from './performance-metrics.doc';
import { at, deepFreeze, toProjected } from './testing';

const A = 'B-001';
const B = 'B-002';
const run = (taskId: string, n: number, durationMs: number, attempt = 1) =>
  completed(taskId, { executionId: executionIdFor(n), durationMs, attempt });

describe('performance_metrics read model', () => {
  describe('given executions that ended', () => {
    const history = [
      registered(A),
      run(A, 1, 1000),
      run(A, 2, 3000),
      executionFailed(A, { executionId: executionIdFor(3) }),
    ];

    it('counts executions, successes and failures with the success rate', () =>
      given(projection, history).then(A, {
        id: A,
        scope: 'task',
        taskId: A,
        executions: 3,
        successes: 2,
        failures: 1,
        successRate: 0.6667,
        lastOutcome: 'failure',
        lastExecutionAt: '2026-01-01T00:00:03.000Z',
      }));

    it('derives average, median and percentiles of the completed durations', () => {
      const durations = Array.from({ length: 100 }, (_, i) => (i + 1) * 10);
      const doc = given(
        projection,
        durations.map((ms, i) => run(A, i + 1, ms)),
      ).doc(A);
      expect(doc).toMatchObject({ avgDurationMs: 505, minDurationMs: 10, maxDurationMs: 1000 });
      const within1Percent = (value: number | null, exact: number) =>
        expect(Math.abs(value! - exact) / exact).toBeLessThanOrEqual(0.01);
      within1Percent(doc.medianDurationMs, 500);
      within1Percent(doc.p95DurationMs, 950);
      within1Percent(doc.p99DurationMs, 990);
      expect(doc.durations.count).toBe(100);
    });

    it('adds every task to the _global document', () =>
      given(projection, [...history, run(B, 4, 500)]).then('_global', {
        scope: 'global',
        taskId: null,
        executions: 4,
        successes: 3,
        failures: 1,
        minDurationMs: 500,
      }));
  });

  describe('given executions that have not ended', () => {
    it('has no document yet', () => given(projection, [registered(A), started(A), attemptFailed(A)]).thenNoDocument(A));
  });

  describe('when executions needed retries', () => {
    it('counts the retries each used in the histogram and the total', () =>
      given(projection, [
        run(A, 1, 10, 1),
        run(A, 2, 10, 3),
        executionFailed(A, { executionId: executionIdFor(3), attempt: 4 }),
        run(A, 4, 10, 9),
      ]).then(A, {
        totalRetries: 0 + 2 + 3 + 8,
        retriesHistogram: { '0': 1, '1': 0, '2': 1, '3': 1, '4': 0, '5+': 1 },
      }));
  });

  describe('given executions on several days', () => {
    it('buckets them by UTC day with their own sketch', () => {
      const doc = given(projection, [
        at('2026-01-01T23:30:00-02:00', run(A, 1, 100)),
        at('2026-01-02T08:00:00.000Z', run(A, 2, 300)),
        at('2026-01-02T09:00:00.000Z', executionFailed(A, { executionId: executionIdFor(3) })),
      ]).doc(A);
      expect(Object.keys(doc.daily)).toEqual(['2026-01-02']);
      expect(doc.daily['2026-01-02']).toMatchObject({
        executions: 3,
        successes: 2,
        failures: 1,
        durations: expect.objectContaining({ count: 2 }),
      });
    });

    it('drops days older than 90 days before the newest execution, keeping the totals', () => {
      const doc = given(projection, [
        at('2026-01-01T00:00:00.000Z', run(A, 1, 100)),
        at('2026-03-31T00:00:00.000Z', run(A, 2, 100)),
        at('2026-04-01T00:00:00.000Z', run(A, 3, 100)),
      ]).doc(A);
      expect(Object.keys(doc.daily)).toEqual(['2026-03-31', '2026-04-01']);
      expect(doc.executions).toBe(3);
    });

    it('keeps the most recent execution as the last one when an older one arrives late', () =>
      given(projection, [
        at('2026-06-01T00:00:00.000Z', run(A, 1, 100)),
        at('2026-05-01T00:00:00.000Z', executionFailed(A, { executionId: executionIdFor(2) })),
      ]).then(A, {
        lastExecutionAt: '2026-06-01T00:00:00.000Z',
        lastOutcome: 'success',
        updatedAt: '2026-05-01T00:00:00.000Z',
      }));

    it('does not bucket a late-arriving execution older than the window', () =>
      expect(
        Object.keys(
          given(projection, [
            at('2026-06-01T00:00:00.000Z', run(A, 1, 100)),
            at('2026-01-01T00:00:00.000Z', run(A, 2, 100)),
          ]).doc(A).daily,
        ),
      ).toEqual(['2026-06-01']));
  });

  describe('given a negative duration (which the schema forbids)', () => {
    it('counts the execution but not the duration, and says so', () =>
      given(projection, [run(A, 1, 100), run(A, 2, -5)]).then(A, {
        executions: 2,
        successes: 2,
        rejectedDurations: 1,
        durations: expect.objectContaining({ count: 1, min: 100 }),
      }));
  });

  describe('given a stored document shaped otherwise (keys in another order, keys of its own)', () => {
    const [first, next] = toProjected([run(A, 1, 100, 2), run(A, 2, 300, 7)]) as Parameters<
      typeof projection.evolve
    >[1][];
    const evolve = (doc: PerformanceMetricsDoc | null, event = next!) => projection.evolve(deepFreeze(doc), event, A)!;
    const stored = evolve(null, first);
    const reordered = (doc: PerformanceMetricsDoc) => {
      const { daily, id, ...rest } = doc;
      return {
        daily,
        legacy: 'kept',
        ...rest,
        id,
        retriesHistogram: { ...doc.retriesHistogram, old: 1 },
      } as PerformanceMetricsDoc;
    };

    it('keeps its key order and its own keys, with the same values as a usual document gets', () => {
      const usual = evolve(stored);
      const unusual = evolve(reordered(stored));
      expect(JSON.stringify(unusual)).toBe(JSON.stringify(reordered(usual)));
    });
  });
});
