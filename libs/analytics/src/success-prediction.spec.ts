import fc from 'fast-check';
import { regularizedBeta } from './incomplete-beta';
import {
  betaPosterior,
  ExecutionOutcome,
  predictSuccess,
  seedRulePrediction,
  successTrend,
} from './success-prediction';

const outcome = (n: number, success: boolean): ExecutionOutcome => ({
  taskId: 'B-1',
  executionId: `e${String(n).padStart(3, '0')}`,
  at: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
  success,
  durationMs: success ? 1000 : null,
});

const counts = (successes: number, failures: number, avgDurationMs: number | null = 1000) => ({
  executions: successes + failures,
  successes,
  failures,
  successRate: successes + failures === 0 ? null : successes / (successes + failures),
  avgDurationMs,
});

describe('beta posterior of success', () => {
  it('given 8 successes and 2 failures under the uniform prior, the posterior is Beta(9, 3) with mean 0.75', () => {
    expect(betaPosterior(8, 2)).toMatchObject({ priorAlpha: 1, priorBeta: 1, alpha: 9, beta: 3, mean: 0.75 });
  });

  it('given no executions, the 90% interval of the uniform prior is [0.05, 0.95]', () => {
    expect(betaPosterior(0, 0)).toMatchObject({ mean: 0.5, lower: 0.05, upper: 0.95 });
  });

  it('given one success, Beta(2, 1) has CDF x^2, so the 90% interval is [sqrt 0.05, sqrt 0.95]', () => {
    const posterior = betaPosterior(1, 0);
    expect(posterior.lower).toBeCloseTo(Math.sqrt(0.05), 4);
    expect(posterior.upper).toBeCloseTo(Math.sqrt(0.95), 4);
  });

  it('given a stated prior Beta(2, 8), it is added to the counts', () => {
    expect(betaPosterior(3, 1, { priorAlpha: 2, priorBeta: 8 })).toMatchObject({ alpha: 5, beta: 9, mean: 0.3571 });
  });

  it('the incomplete beta function is a CDF: 0 at 0, 1 at 1, non-decreasing', () => {
    expect(regularizedBeta(0.5, 3, 3)).toBeCloseTo(0.5, 12);
    expect(regularizedBeta(0.3, 2, 5)).toBeLessThan(regularizedBeta(0.4, 2, 5));
  });

  it('has a mean and an interval within [0, 1], lower <= upper, for any counts and prior', () => {
    const positive = fc.double({ min: 0.1, max: 50, noNaN: true });
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), positive, positive, (s, f, priorAlpha, priorBeta) => {
        const posterior = betaPosterior(s, f, { priorAlpha, priorBeta });
        expect(posterior.mean).toBeGreaterThanOrEqual(0);
        expect(posterior.mean).toBeLessThanOrEqual(1);
        expect(posterior.lower).toBeGreaterThanOrEqual(0);
        expect(posterior.upper).toBeLessThanOrEqual(1);
        expect(posterior.lower).toBeLessThanOrEqual(posterior.upper);
      }),
    );
  });
});

describe('success trend', () => {
  it('given 10 failures then 10 successes, the last 10 are improving on the earlier ones', () => {
    const history = [
      ...Array.from({ length: 10 }, (_, i) => outcome(i, false)),
      ...Array.from({ length: 10 }, (_, i) => outcome(10 + i, true)),
    ];
    expect(successTrend(counts(10, 10), history)).toEqual({
      window: 10,
      recentExecutions: 10,
      recentSuccessRate: 1,
      earlierSuccessRate: 0,
      direction: 'improving',
    });
  });

  it('given a shuffled history, the trend is the same', () => {
    const history = Array.from({ length: 15 }, (_, i) => outcome(i, i % 3 !== 0));
    fc.assert(
      fc.property(fc.shuffledSubarray(history, { minLength: history.length }), (shuffled) =>
        expect(successTrend(counts(10, 5), shuffled, { trendWindow: 5 })).toEqual(
          successTrend(counts(10, 5), history, { trendWindow: 5 }),
        ),
      ),
    );
  });

  it('given only as many executions as the window, there is nothing to compare with', () => {
    expect(successTrend(counts(3, 0), [outcome(1, true), outcome(2, true), outcome(3, true)]).direction).toBe(
      'insufficient-data',
    );
  });
});

describe('the threshold prediction rule, side by side', () => {
  it('given a success rate of 0.9 and 500 s on average, it predicts success', () => {
    expect(seedRulePrediction(counts(9, 1, 500_000)).predictedSuccess).toBe(true);
  });

  it('given exactly 0.8 or 600 s, it does not (both bounds are strict)', () => {
    expect(seedRulePrediction(counts(8, 2, 1000)).predictedSuccess).toBe(false);
    expect(seedRulePrediction(counts(10, 0, 600_000)).predictedSuccess).toBe(false);
  });

  it('given no ended execution, it has no prediction', () => {
    const prediction = predictSuccess('B-1', counts(0, 0, null), []);
    expect(prediction.seedRule).toEqual({
      rule: 'successRate > 0.8 and avgDurationMs < 600000',
      predictedSuccess: null,
    });
    expect(prediction.posterior.mean).toBe(0.5);
  });
});
