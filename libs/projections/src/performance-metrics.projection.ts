import { EventOfType } from '@taskledger/events';
import { addToSketch, DurationSketch, isValidDuration, quantile, sketchMean } from './duration-sketch';
import { bumpBucket, daysBefore, laterTimestamp, utcDayKey, utcTimestamp } from './event-time';
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

/** The first day kept: the window ends on the day of the newest event. */
const retentionStart = daysBefore(PERFORMANCE_DAILY_RETENTION_DAYS - 1);

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

/**
 * The document with one more ending. Counts and the sketch are updated, and the derived numbers
 * recomputed from them, in one copy of the document (its keys keep their order).
 */
const countEnding = (doc: PerformanceMetricsDoc, ending: Ending): PerformanceMetricsDoc => {
  const latestEventAt = laterTimestamp(doc.latestEventAt, ending.at);
  const rejected = ending.durationMs !== null && !isValidDuration(ending.durationMs);
  const key = retriesKey(ending.retries);
  const executions = doc.executions + 1;
  const successes = doc.successes + (ending.success ? 1 : 0);
  const durations = withDuration(doc.durations, ending);
  return {
    ...doc,
    executions,
    successes,
    failures: doc.failures + (ending.success ? 0 : 1),
    successRate: ratio(successes, executions),
    durations,
    rejectedDurations: doc.rejectedDurations + (rejected ? 1 : 0),
    avgDurationMs: sketchMean(durations),
    medianDurationMs: quantile(durations, 0.5),
    p95DurationMs: quantile(durations, 0.95),
    p99DurationMs: quantile(durations, 0.99),
    minDurationMs: durations.min,
    maxDurationMs: durations.max,
    totalRetries: doc.totalRetries + ending.retries,
    retriesHistogram: { ...doc.retriesHistogram, [key]: doc.retriesHistogram[key] + 1 },
    ...latestOutcome(doc, ending),
    daily: bumpBucket(doc.daily, utcDayKey(ending.at), retentionStart(latestEventAt), (day) => countDay(day, ending)),
    latestEventAt,
    updatedAt: ending.at,
  };
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
