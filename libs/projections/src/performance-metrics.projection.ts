import { EventOfType } from '@taskledger/events';
import { addToSketch, DurationSketch, isValidDuration, quantile, sketchMean } from './duration-sketch';
import { bumpBucket, DAY_MS, dayKey, epochMs, laterTimestamp, utcTimestamp } from './event-time';
import { ratio } from './numbers';
import {
  DailyPerformance,
  emptyDailyPerformance,
  emptyPerformanceMetrics,
  PerformanceMetricsDoc,
  RetriesHistogram,
} from './performance-metrics.doc';
import { defineProjection, ProjectedEvent } from './projection';

/** Daily performance buckets cover this many days before the newest event a document has seen. */
export const PERFORMANCE_DAILY_RETENTION_DAYS = 90;

type ExecutionEnded = ProjectedEvent<EventOfType<'TaskExecutionCompleted' | 'TaskExecutionFailed'>>;

interface Ending {
  success: boolean;
  /** The completed attempt's duration; null for a failure. */
  durationMs: number | null;
  retries: number;
  at: string;
}

const endingOf = (event: ExecutionEnded): Ending => ({
  success: event.type === 'TaskExecutionCompleted',
  durationMs: event.type === 'TaskExecutionCompleted' ? event.data.durationMs : null,
  retries: Math.max(0, event.data.attempt - 1),
  at: utcTimestamp(event.metadata.occurredAt),
});

const retriesKey = (retries: number): keyof RetriesHistogram =>
  retries >= 5 ? '5+' : (String(retries) as keyof RetriesHistogram);

const withDuration = (sketch: DurationSketch, ending: Ending): DurationSketch =>
  ending.durationMs === null ? sketch : addToSketch(sketch, ending.durationMs);

const countDay = (day: DailyPerformance = emptyDailyPerformance(), ending: Ending): DailyPerformance => ({
  executions: day.executions + 1,
  successes: day.successes + (ending.success ? 1 : 0),
  failures: day.failures + (ending.success ? 0 : 1),
  durations: withDuration(day.durations, ending),
});

/** The most recent ending by time: a late-arriving older one does not replace it. */
const latestOutcome = (doc: PerformanceMetricsDoc, ending: Ending): Pick<PerformanceMetricsDoc, 'lastExecutionAt' | 'lastOutcome'> =>
  doc.lastExecutionAt !== null && doc.lastExecutionAt > ending.at
    ? { lastExecutionAt: doc.lastExecutionAt, lastOutcome: doc.lastOutcome }
    : { lastExecutionAt: ending.at, lastOutcome: ending.success ? 'success' : 'failure' };

/** The derived numbers, recomputed from the stored counts and sketch. */
const derived = (doc: PerformanceMetricsDoc) => ({
  successRate: ratio(doc.successes, doc.executions),
  avgDurationMs: sketchMean(doc.durations),
  medianDurationMs: quantile(doc.durations, 0.5),
  p95DurationMs: quantile(doc.durations, 0.95),
  p99DurationMs: quantile(doc.durations, 0.99),
  minDurationMs: doc.durations.min,
  maxDurationMs: doc.durations.max,
});

const countEnding = (doc: PerformanceMetricsDoc, ending: Ending): PerformanceMetricsDoc => {
  const latestEventAt = laterTimestamp(doc.latestEventAt, ending.at);
  const cutoff = dayKey(epochMs(latestEventAt) - (PERFORMANCE_DAILY_RETENTION_DAYS - 1) * DAY_MS);
  const rejected = ending.durationMs !== null && !isValidDuration(ending.durationMs);
  const key = retriesKey(ending.retries);
  const counted: PerformanceMetricsDoc = {
    ...doc,
    executions: doc.executions + 1,
    successes: doc.successes + (ending.success ? 1 : 0),
    failures: doc.failures + (ending.success ? 0 : 1),
    durations: withDuration(doc.durations, ending),
    rejectedDurations: doc.rejectedDurations + (rejected ? 1 : 0),
    totalRetries: doc.totalRetries + ending.retries,
    retriesHistogram: { ...doc.retriesHistogram, [key]: doc.retriesHistogram[key] + 1 },
    ...latestOutcome(doc, ending),
    daily: bumpBucket(doc.daily, dayKey(epochMs(ending.at)), cutoff, (day) => countDay(day, ending)),
    latestEventAt,
    updatedAt: ending.at,
  };
  return { ...counted, ...derived(counted) };
};

/** Per-task and `_global` execution counts, success rate, duration percentiles, retries and daily trends. */
export const performanceMetricsProjection = defineProjection({
  name: 'performance_metrics',
  version: 1,
  description: 'Executions, success rate, duration percentiles (DDSketch), retries and daily trends per task and overall.',
  handles: ['TaskExecutionCompleted', 'TaskExecutionFailed'] as const,
  documentIds: (event) => [event.data.taskId, '_global'],
  evolve: (doc: PerformanceMetricsDoc | null, event, documentId): PerformanceMetricsDoc => {
    const ending = endingOf(event);
    return countEnding(doc ?? emptyPerformanceMetrics(documentId, ending.at), ending);
  },
  indexes: [['scope'], ['successRate'], ['avgDurationMs'], ['totalRetries']],
});
