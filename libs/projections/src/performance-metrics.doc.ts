import { DurationSketch, emptySketch } from './duration-sketch';
import { Doc, GLOBAL_DOC_ID } from './projection';

/** Executions by the retries they used: attempt n used n - 1 retries. */
export interface RetriesHistogram {
  '0': number;
  '1': number;
  '2': number;
  '3': number;
  '4': number;
  '5+': number;
}

export interface DailyPerformance {
  executions: number;
  successes: number;
  failures: number;
  /** Durations of the day's successful executions. */
  durations: DurationSketch;
}

/**
 * Performance of executions, per task (id = task id) and overall (`_global`). An execution
 * counts once it ends: TaskExecutionCompleted is a success, TaskExecutionFailed a failure.
 * Durations are the completed attempts' `durationMs`; derived numbers are recomputed from the
 * stored sketch on every event. Daily buckets cover the last 90 days before the newest event seen.
 */
export interface PerformanceMetricsDoc extends Doc {
  id: string;
  scope: 'task' | 'global';
  taskId: string | null;
  executions: number;
  successes: number;
  failures: number;
  /** successes / executions (4 decimals); null before the first execution ends. */
  successRate: number | null;
  durations: DurationSketch;
  /**
   * The durations themselves, ascending, while there are at most EXACT_DURATIONS_LIMIT (256):
   * the percentiles are then interpolated from them. Null beyond: they come from `durations`.
   */
  exactDurations: number[] | null;
  /** Durations that could not be counted (negative or not finite). */
  rejectedDurations: number;
  avgDurationMs: number | null;
  medianDurationMs: number | null;
  p95DurationMs: number | null;
  p99DurationMs: number | null;
  minDurationMs: number | null;
  maxDurationMs: number | null;
  totalRetries: number;
  retriesHistogram: RetriesHistogram;
  lastExecutionAt: string | null;
  lastOutcome: 'success' | 'failure' | null;
  /** `YYYY-MM-DD` (UTC) ascending. */
  daily: Record<string, DailyPerformance>;
  latestEventAt: string | null;
  updatedAt: string;
}

export const emptyDailyPerformance = (): DailyPerformance => ({
  executions: 0,
  successes: 0,
  failures: 0,
  durations: emptySketch(),
});

export const emptyPerformanceMetrics = (id: string, at: string): PerformanceMetricsDoc => ({
  id,
  scope: id === GLOBAL_DOC_ID ? 'global' : 'task',
  taskId: id === GLOBAL_DOC_ID ? null : id,
  executions: 0,
  successes: 0,
  failures: 0,
  successRate: null,
  durations: emptySketch(),
  exactDurations: [],
  rejectedDurations: 0,
  avgDurationMs: null,
  medianDurationMs: null,
  p95DurationMs: null,
  p99DurationMs: null,
  minDurationMs: null,
  maxDurationMs: null,
  totalRetries: 0,
  retriesHistogram: { '0': 0, '1': 0, '2': 0, '3': 0, '4': 0, '5+': 0 },
  lastExecutionAt: null,
  lastOutcome: null,
  daily: {},
  latestEventAt: null,
  updatedAt: at,
});
