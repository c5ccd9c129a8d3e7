import type { PerformanceMetricsDoc } from '@taskledger/projections';

/** A task's expected execution time, from the durations of its completed executions. */
export interface DurationEstimate {
  taskId: string;
  /** Completed executions the estimate rests on. */
  samples: number;
  medianMs: number | null;
  p95Ms: number | null;
  /** Quantiles of the task's DDSketch (within 1% relative accuracy). */
  method: 'ddsketch-quantiles';
}

export const durationEstimate = (metrics: PerformanceMetricsDoc): DurationEstimate => ({
  taskId: metrics.taskId ?? metrics.id,
  samples: metrics.durations.count,
  medianMs: metrics.medianDurationMs,
  p95Ms: metrics.p95DurationMs,
  method: 'ddsketch-quantiles',
});

/** Estimates of every task that has completed at least once, by task id. */
export const durationEstimates = (metrics: readonly PerformanceMetricsDoc[]): Map<string, DurationEstimate> =>
  new Map(
    metrics
      .filter((doc) => doc.scope === 'task' && doc.durations.count > 0)
      .map((doc) => [doc.taskId ?? doc.id, durationEstimate(doc)] as const),
  );
