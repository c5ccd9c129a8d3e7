import { EventOfType } from '@taskledger/events';
import { addToSketch, DurationSketch, isValidDuration, quantiles, sketchMean } from './duration-sketch';
import { daysBefore, laterTimestamp, utcDayKey, utcTimestamp } from './event-time';
import { addExactDuration, exactQuantiles } from './exact-durations';
import { ratio } from './numbers';
import {
  DailyPerformance,
  emptyDailyPerformance,
  emptyPerformanceMetrics,
  PerformanceMetricsDoc,
  RetriesHistogram,
} from './performance-metrics.doc';
import { defineProjection, ProjectedEvent, GLOBAL_DOC_ID } from './projection';
import { bumpBucket } from './time-buckets';

/** Daily performance buckets cover this many days before the newest event a document has seen. */
export const PERFORMANCE_DAILY_RETENTION_DAYS = 90;

/** The first day kept: the window ends on the day of the newest event. */
const retentionStart = daysBefore(PERFORMANCE_DAILY_RETENTION_DAYS - 1);

/** The median, p95 and p99: from the exact durations while the document keeps them, else from the sketch in one pass. */
const REPORTED_QUANTILES = [0.5, 0.95, 0.99];

const reportedQuantiles = (exact: readonly number[] | null, sketch: DurationSketch): Array<number | null> =>
  exact === null ? quantiles(sketch, REPORTED_QUANTILES) : exactQuantiles(exact, REPORTED_QUANTILES);

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

const HISTOGRAM_KEYS: ReadonlyArray<keyof RetriesHistogram> = ['0', '1', '2', '3', '4', '5+'];

/** Whether the histogram has exactly its six keys, in the order objects list them. */
const isPlainHistogram = (histogram: RetriesHistogram): boolean => {
  const keys = Object.keys(histogram);
  return keys.length === HISTOGRAM_KEYS.length && HISTOGRAM_KEYS.every((key, index) => keys[index] === key);
};

/**
 * The histogram with one more execution under `key`. Spelled out for the usual shape: a spread
 * of an object with index-like keys ('0'..'4') takes a slow path costing more than the rest of an evolve step.
 */
const countRetries = (histogram: RetriesHistogram, key: keyof RetriesHistogram): RetriesHistogram => {
  if (!isPlainHistogram(histogram)) return { ...histogram, [key]: histogram[key] + 1 };
  const at = (bucket: keyof RetriesHistogram): number => (bucket === key ? histogram[bucket] + 1 : histogram[bucket]);
  return { '0': at('0'), '1': at('1'), '2': at('2'), '3': at('3'), '4': at('4'), '5+': at('5+') };
};

const withDuration = (sketch: DurationSketch, ending: Ending): DurationSketch =>
  ending.durationMs === null ? sketch : addToSketch(sketch, ending.durationMs);

const countDay = (day: DailyPerformance = emptyDailyPerformance(), ending: Ending): DailyPerformance => ({
  executions: day.executions + 1,
  successes: day.successes + (ending.success ? 1 : 0),
  failures: day.failures + (ending.success ? 0 : 1),
  durations: withDuration(day.durations, ending),
});

/** Whether the ending is the most recent by time: a late-arriving older one does not replace the last. */
const isLatest = (doc: PerformanceMetricsDoc, ending: Ending): boolean =>
  doc.lastExecutionAt === null || doc.lastExecutionAt <= ending.at;

/**
 * The document with one more ending: counts and the sketch are updated, and the derived numbers
 * recomputed from them.
 */
const countEnding = (doc: PerformanceMetricsDoc, ending: Ending): PerformanceMetricsDoc => {
  const latestEventAt = laterTimestamp(doc.latestEventAt, ending.at);
  const rejected = ending.durationMs !== null && !isValidDuration(ending.durationMs);
  const key = retriesKey(ending.retries);
  const executions = doc.executions + 1;
  const successes = doc.successes + (ending.success ? 1 : 0);
  const durations = withDuration(doc.durations, ending);
  const exactDurations =
    ending.durationMs === null ? doc.exactDurations : addExactDuration(doc.exactDurations, ending.durationMs);
  const [median, p95, p99] = reportedQuantiles(exactDurations, durations);
  const latest = isLatest(doc, ending);
  return {
    ...doc,
    executions,
    successes,
    failures: doc.failures + (ending.success ? 0 : 1),
    successRate: ratio(successes, executions),
    durations,
    exactDurations,
    rejectedDurations: doc.rejectedDurations + (rejected ? 1 : 0),
    avgDurationMs: sketchMean(durations),
    medianDurationMs: median ?? null,
    p95DurationMs: p95 ?? null,
    p99DurationMs: p99 ?? null,
    minDurationMs: durations.min,
    maxDurationMs: durations.max,
    totalRetries: doc.totalRetries + ending.retries,
    retriesHistogram: countRetries(doc.retriesHistogram, key),
    lastExecutionAt: latest ? ending.at : doc.lastExecutionAt,
    lastOutcome: latest ? (ending.success ? 'success' : 'failure') : doc.lastOutcome,
    daily: bumpBucket(doc.daily, utcDayKey(ending.at), retentionStart(latestEventAt), (day) => countDay(day, ending)),
    latestEventAt,
    updatedAt: ending.at,
  };
};

/** Per-task and `_global` execution counts, success rate, duration percentiles, retries and daily trends. */
export const performanceMetricsProjection = defineProjection({
  name: 'performance_metrics',
  version: 2,
  description:
    'Executions, success rate, duration percentiles (exact up to 256 durations, then DDSketch), retries and daily trends per task and overall.',
  handles: ['TaskExecutionCompleted', 'TaskExecutionFailed'] as const,
  documentIds: (event) => [event.data.taskId, GLOBAL_DOC_ID],
  evolve: (doc: PerformanceMetricsDoc | null, event, documentId): PerformanceMetricsDoc => {
    const ending = endingOf(event);
    return countEnding(doc ?? emptyPerformanceMetrics(documentId, ending.at), ending);
  },
  indexes: [['scope'], ['successRate'], ['avgDurationMs'], ['totalRetries']],
});
