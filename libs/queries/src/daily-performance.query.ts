import { GLOBAL_DOC_ID, performanceMetricsProjection, quantile } from '@taskledger/projections';
import { ReadStore } from '@taskledger/read-store';
import { ledgerPosition } from './ledger-position';
import { readModel } from './read-models.access';

/** One UTC day of ended executions over all tasks; durations are the day's successful executions. */
export interface DailyPerformanceRow {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  executions: number;
  successes: number;
  failures: number;
  p50DurationMs: number | null;
  p95DurationMs: number | null;
  p99DurationMs: number | null;
}

export interface DailyPerformanceReport {
  ledgerPosition: string | null;
  /** Oldest first; the performance read model keeps the last 90 days before its newest event. */
  days: DailyPerformanceRow[];
}

/** Runs, successes, failures and duration percentiles per day (the performance read model's daily buckets). */
export const dailyPerformance = async (readStore: ReadStore): Promise<DailyPerformanceReport> => {
  const position = await ledgerPosition(readStore);
  const global = await readModel(readStore, performanceMetricsProjection).get(GLOBAL_DOC_ID);
  const days = Object.entries(global?.daily ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, bucket]) => ({
      day,
      executions: bucket.executions,
      successes: bucket.successes,
      failures: bucket.failures,
      p50DurationMs: quantile(bucket.durations, 0.5),
      p95DurationMs: quantile(bucket.durations, 0.95),
      p99DurationMs: quantile(bucket.durations, 0.99),
    }));
  return { ledgerPosition: position, days };
};
