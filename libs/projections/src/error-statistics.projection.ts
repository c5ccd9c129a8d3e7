import { EventOfType } from '@taskledger/events';
import { countErrorType, recordFingerprint, topFingerprints } from './error-counters';
import {
  categoryDocId,
  emptyErrorStatistics,
  ERROR_DAILY_RETENTION_DAYS,
  ERROR_HOURLY_RETENTION_DAYS,
  ErrorStatisticsDoc,
  RecoveryCounts,
  RecoveryOutcome,
  RecoveryStats,
} from './error-statistics.doc';
import { fingerprintError } from './error-fingerprint';
import { mostCommon, reclassifiedDocIds, recordReclassification } from './error-statistics.reclassified';
import { daysBefore, hoursBefore, laterTimestamp, utcDayKey, utcHourKey, utcTimestamp } from './event-time';
import { ratio, truncate } from './numbers';
import { defineProjection, GLOBAL_DOC_ID, ProjectedEvent } from './projection';
import { bumpBucket } from './time-buckets';

export { ERROR_DAILY_RETENTION_DAYS, ERROR_HOURLY_RETENTION_DAYS };

type AttemptFailed = ProjectedEvent<EventOfType<'TaskAttemptFailed'>>;
type RecoveryAttempted = ProjectedEvent<EventOfType<'RecoveryActionAttempted'>>;

const increment = (n = 0): number => n + 1;

/** The first hour and day kept: the windows end on the hour and day of the newest event seen. */
const hourlyStart = hoursBefore(ERROR_HOURLY_RETENTION_DAYS * 24 - 1);
const dailyStart = daysBefore(ERROR_DAILY_RETENTION_DAYS - 1);

/** Buckets older than the retention window (ending at the newest event seen) are dropped. */
const countBuckets = (doc: ErrorStatisticsDoc, at: string, latestEventAt: string) => ({
  hourly: bumpBucket(doc.hourly, utcHourKey(at), hourlyStart(latestEventAt), increment),
  daily: bumpBucket(doc.daily, utcDayKey(at), dailyStart(latestEventAt), increment),
});

const recordError = (doc: ErrorStatisticsDoc, event: AttemptFailed, at: string): ErrorStatisticsDoc => {
  const { error, classification } = event.data;
  const latestEventAt = laterTimestamp(doc.latestEventAt, at);
  const fingerprint = fingerprintError(error.message, error.type);
  const sighting = { ...fingerprint, fingerprint: fingerprint.text, at, example: truncate(error.message, 200) };
  const recorded = recordFingerprint(doc.fingerprints, {
    ...sighting,
    errorType: error.type,
    category: classification.category,
    taskId: event.data.taskId,
  });
  const byCategory = { ...doc.byCategory, [classification.category]: doc.byCategory[classification.category] + 1 };
  const { hourly, daily } = countBuckets(doc, at, latestEventAt);
  return {
    ...doc,
    totalErrors: doc.totalErrors + 1,
    byCategory,
    bySeverity: { ...doc.bySeverity, [classification.severity]: doc.bySeverity[classification.severity] + 1 },
    byType: countErrorType(doc.byType, error.type),
    mostCommonCategory: mostCommon(byCategory),
    hourly,
    daily,
    fingerprints: recorded.fingerprints,
    evictedFingerprints: doc.evictedFingerprints + (recorded.evicted ? 1 : 0),
    topFingerprints: topFingerprints(recorded.fingerprints),
    firstErrorAt: doc.firstErrorAt !== null && doc.firstErrorAt < at ? doc.firstErrorAt : at,
    lastErrorAt: laterTimestamp(doc.lastErrorAt, at),
    latestEventAt,
    updatedAt: at,
  };
};

const outcomeField = { succeeded: 'succeeded', failed: 'failed', 'not-applicable': 'notApplicable' } as const;

const countOutcome = (counts: RecoveryCounts, outcome: RecoveryOutcome): RecoveryCounts => {
  const field = outcomeField[outcome];
  return { ...counts, attempted: counts.attempted + 1, [field]: counts[field] + 1 };
};

const recordRecovery = (doc: ErrorStatisticsDoc, event: RecoveryAttempted, at: string): ErrorStatisticsDoc => {
  const { action, outcome } = event.data;
  const totals = countOutcome(doc.recovery, outcome);
  const recovery: RecoveryStats = {
    attempted: totals.attempted,
    succeeded: totals.succeeded,
    failed: totals.failed,
    notApplicable: totals.notApplicable,
    successRate: ratio(totals.succeeded, totals.succeeded + totals.failed),
    byAction: { ...doc.recovery.byAction, [action]: countOutcome(doc.recovery.byAction[action], outcome) },
  };
  return { ...doc, recovery, latestEventAt: laterTimestamp(doc.latestEventAt, at), updatedAt: at };
};

/**
 * `_global` plus `category:<name>` error statistics, from attempt failures and recovery actions;
 * an ErrorReclassified moves its failure's counts to the new category and severity.
 */
export const errorStatisticsProjection = defineProjection({
  name: 'error_statistics',
  version: 3,
  description:
    'Error counts by category, severity, type and message fingerprint; recovery success; hourly and daily trends.',
  handles: ['TaskAttemptFailed', 'RecoveryActionAttempted', 'ErrorReclassified'] as const,
  documentIds: (event) =>
    event.type === 'TaskAttemptFailed'
      ? [GLOBAL_DOC_ID, categoryDocId(event.data.classification.category)]
      : event.type === 'ErrorReclassified'
        ? reclassifiedDocIds(event)
        : [GLOBAL_DOC_ID, categoryDocId(event.data.category)],
  evolve: (doc: ErrorStatisticsDoc | null, event, documentId): ErrorStatisticsDoc => {
    const at = utcTimestamp(event.metadata.occurredAt);
    const current = doc ?? emptyErrorStatistics(documentId, at);
    if (event.type === 'ErrorReclassified') return recordReclassification(current, event, documentId, at);
    return event.type === 'TaskAttemptFailed' ? recordError(current, event, at) : recordRecovery(current, event, at);
  },
});
