import { betaQuantile } from './incomplete-beta';
import { roundTo } from './statistics';

/** One ended execution of a task, as the execution history records it. */
export interface ExecutionOutcome {
  taskId: string;
  executionId: string | null;
  /** When it ended (UTC ISO). */
  at: string;
  success: boolean;
  /** The completed attempt's duration; null for a failure. */
  durationMs: number | null;
}

/** What the read models know of a task's executions (a PerformanceMetricsDoc satisfies it). */
export interface ExecutionCounts {
  executions: number;
  successes: number;
  failures: number;
  successRate: number | null;
  avgDurationMs: number | null;
}

export interface PredictionOptions {
  /** Beta prior pseudo-successes. Default 1 (with priorBeta 1: the uniform prior, Laplace's rule of succession). */
  priorAlpha?: number;
  /** Beta prior pseudo-failures. Default 1. */
  priorBeta?: number;
  /** Probability mass of the equal-tailed credible interval. Default 0.9. */
  credibleMass?: number;
  /** How many of the latest executions the trend looks at. Default 10. */
  trendWindow?: number;
  /** Change in success rate (recent vs earlier) that counts as a trend. Default 0.1. */
  trendTolerance?: number;
  /** The threshold rule: success rate strictly above this ... Default 0.8. */
  seedMinSuccessRate?: number;
  /** ... and average duration strictly below this. Default 600 000 ms (600 s). */
  seedMaxAvgMs?: number;
}

export interface BetaPosterior {
  priorAlpha: number;
  priorBeta: number;
  alpha: number;
  beta: number;
  /** Posterior mean: alpha / (alpha + beta). */
  mean: number;
  credibleMass: number;
  lower: number;
  upper: number;
}

export type TrendDirection = 'improving' | 'declining' | 'stable' | 'insufficient-data';

export interface SuccessTrend {
  window: number;
  /** Executions in the window (at most `window`), oldest first. */
  recentExecutions: number;
  recentSuccessRate: number | null;
  /** Success rate of the executions before the window; null when there were none. */
  earlierSuccessRate: number | null;
  direction: TrendDirection;
}

export interface SeedRulePrediction {
  rule: string;
  /** successRate > min and avg < max; null before any execution ended. */
  predictedSuccess: boolean | null;
}

export interface SuccessPrediction {
  taskId: string;
  executions: number;
  successes: number;
  failures: number;
  posterior: BetaPosterior;
  trend: SuccessTrend;
  seedRule: SeedRulePrediction;
}

const DEFAULTS: Required<PredictionOptions> = {
  priorAlpha: 1,
  priorBeta: 1,
  credibleMass: 0.9,
  trendWindow: 10,
  trendTolerance: 0.1,
  seedMinSuccessRate: 0.8,
  seedMaxAvgMs: 600_000,
};

/** Beta(priorAlpha + successes, priorBeta + failures) with its mean and equal-tailed credible interval. */
export const betaPosterior = (successes: number, failures: number, options: PredictionOptions = {}): BetaPosterior => {
  const { priorAlpha, priorBeta, credibleMass } = { ...DEFAULTS, ...options };
  const alpha = priorAlpha + successes;
  const beta = priorBeta + failures;
  const tail = (1 - credibleMass) / 2;
  return {
    priorAlpha,
    priorBeta,
    alpha,
    beta,
    mean: roundTo(alpha / (alpha + beta), 4),
    credibleMass,
    lower: roundTo(betaQuantile(tail, alpha, beta), 4),
    upper: roundTo(betaQuantile(1 - tail, alpha, beta), 4),
  };
};

const rate = (successes: number, total: number): number | null => (total > 0 ? roundTo(successes / total, 4) : null);

/**
 * Success rate of the latest `window` outcomes against the executions before them (whose
 * counts are the totals less the window's). Outcomes may come in any order.
 */
export const successTrend = (
  counts: ExecutionCounts,
  outcomes: readonly ExecutionOutcome[],
  options: PredictionOptions = {},
): SuccessTrend => {
  const { trendWindow, trendTolerance } = { ...DEFAULTS, ...options };
  const recent = [...outcomes].sort(byTime).slice(-trendWindow);
  const recentSuccesses = recent.filter((outcome) => outcome.success).length;
  const earlierTotal = counts.executions - recent.length;
  const recentSuccessRate = rate(recentSuccesses, recent.length);
  const earlierSuccessRate =
    earlierTotal > 0 ? rate(Math.max(0, counts.successes - recentSuccesses), earlierTotal) : null;
  const change =
    recentSuccessRate === null || earlierSuccessRate === null ? null : recentSuccessRate - earlierSuccessRate;
  const direction: TrendDirection =
    change === null
      ? 'insufficient-data'
      : change >= trendTolerance
        ? 'improving'
        : change <= -trendTolerance
          ? 'declining'
          : 'stable';
  return { window: trendWindow, recentExecutions: recent.length, recentSuccessRate, earlierSuccessRate, direction };
};

/** The threshold prediction: success rate > 0.8 and average time < 600 s (thresholds configurable). */
export const seedRulePrediction = (counts: ExecutionCounts, options: PredictionOptions = {}): SeedRulePrediction => {
  const { seedMinSuccessRate, seedMaxAvgMs } = { ...DEFAULTS, ...options };
  const rule = `successRate > ${seedMinSuccessRate} and avgDurationMs < ${seedMaxAvgMs}`;
  if (counts.executions === 0 || counts.successRate === null) return { rule, predictedSuccess: null };
  const fastEnough = counts.avgDurationMs !== null && counts.avgDurationMs < seedMaxAvgMs;
  return { rule, predictedSuccess: counts.successRate > seedMinSuccessRate && fastEnough };
};

export const predictSuccess = (
  taskId: string,
  counts: ExecutionCounts,
  outcomes: readonly ExecutionOutcome[],
  options: PredictionOptions = {},
): SuccessPrediction => ({
  taskId,
  executions: counts.executions,
  successes: counts.successes,
  failures: counts.failures,
  posterior: betaPosterior(counts.successes, counts.failures, options),
  trend: successTrend(counts, outcomes, options),
  seedRule: seedRulePrediction(counts, options),
});

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Chronological, ties by execution id, outcome, duration: the same outcomes in any order sort the same. */
export const byTime = (a: ExecutionOutcome, b: ExecutionOutcome): number =>
  compareText(a.at, b.at) ||
  compareText(a.executionId ?? '', b.executionId ?? '') ||
  Number(a.success) - Number(b.success) ||
  (a.durationMs ?? -1) - (b.durationMs ?? -1);
