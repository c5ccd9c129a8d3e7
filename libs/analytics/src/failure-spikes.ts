import { roundTo } from './statistics';

/** One day's ended executions (PerformanceMetricsDoc.daily values satisfy it). */
export interface DailyOutcomes {
  executions: number;
  failures: number;
}

export interface FailureSpikeOptions {
  /** Days with fewer ended executions are not judged. Default 5. */
  minExecutions?: number;
  /** Control-limit width in standard deviations. Default 3. */
  sigmas?: number;
}

export interface FailureSpike {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  executions: number;
  failures: number;
  failureRate: number;
  /** Failures / executions over all days given. */
  baselineRate: number;
  /** baseline + sigmas * sqrt(baseline (1 - baseline) / executions). */
  upperLimit: number;
}

/**
 * Days whose failure rate is above the upper control limit of a p-chart: the pooled failure rate
 * of all days plus `sigmas` binomial standard deviations for that day's number of executions.
 * Sorted by day.
 */
export const failureRateSpikes = (
  daily: Readonly<Record<string, DailyOutcomes>>,
  options: FailureSpikeOptions = {},
): FailureSpike[] => {
  const minExecutions = options.minExecutions ?? 5;
  const sigmas = options.sigmas ?? 3;
  const days = Object.entries(daily).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const executions = days.reduce((total, [, day]) => total + day.executions, 0);
  const failures = days.reduce((total, [, day]) => total + day.failures, 0);
  if (executions === 0) return [];
  const baseline = failures / executions;
  return days.flatMap(([day, counts]): FailureSpike[] => {
    if (counts.executions < minExecutions) return [];
    const upperLimit = baseline + sigmas * Math.sqrt((baseline * (1 - baseline)) / counts.executions);
    const failureRate = counts.failures / counts.executions;
    if (failureRate <= upperLimit) return [];
    return [
      {
        day,
        executions: counts.executions,
        failures: counts.failures,
        failureRate: roundTo(failureRate, 4),
        baselineRate: roundTo(baseline, 4),
        upperLimit: roundTo(upperLimit, 4),
      },
    ];
  });
};
