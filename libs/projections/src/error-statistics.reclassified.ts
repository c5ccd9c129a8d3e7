import { ErrorCategory, EventOfType } from '@taskledger/events';
import { countErrorType, recordFingerprint, topFingerprints } from './error-counters';
import { fingerprintError } from './error-fingerprint';
import {
  categoryDocId,
  ERROR_CATEGORIES,
  ERROR_DAILY_RETENTION_DAYS,
  ERROR_HOURLY_RETENTION_DAYS,
  ErrorStatisticsDoc,
  FingerprintStat,
  TypeCount,
} from './error-statistics.doc';
import { daysBefore, hoursBefore, laterTimestamp, utcDayKey, utcHourKey, utcTimestamp } from './event-time';
import { truncate } from './numbers';
import { GLOBAL_DOC_ID, ProjectedEvent } from './projection';
import { bumpBucket } from './time-buckets';

type Reclassified = ProjectedEvent<EventOfType<'ErrorReclassified'>>;

/** The category with the most errors (the first in catalogue order on a tie); null when there are none. */
export const mostCommon = (byCategory: Record<ErrorCategory, number>): ErrorCategory | null =>
  ERROR_CATEGORIES.reduce<ErrorCategory | null>(
    (best, category) => (byCategory[category] > (best === null ? 0 : byCategory[best]) ? category : best),
    null,
  );

/** The documents a re-classification touches: `_global`, the old category's and the new one's. */
export const reclassifiedDocIds = (event: Reclassified): string[] => [
  ...new Set([GLOBAL_DOC_ID, categoryDocId(event.data.from.category), categoryDocId(event.data.to.category)]),
];

const moved = <K extends string>(counts: Record<K, number>, from: K, to: K): Record<K, number> =>
  from === to ? counts : { ...counts, [from]: Math.max(0, counts[from] - 1), [to]: counts[to] + 1 };

const withOne = <K extends string>(counts: Record<K, number>, key: K, delta: 1 | -1): Record<K, number> => ({
  ...counts,
  [key]: Math.max(0, counts[key] + delta),
});

const withoutOne = (buckets: Record<string, number>, key: string): Record<string, number> => {
  const count = buckets[key];
  if (count === undefined) return buckets;
  const next = { ...buckets };
  if (count <= 1) delete next[key];
  else next[key] = count - 1;
  return next;
};

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const uncountErrorType = (entries: readonly TypeCount[], type: string): TypeCount[] =>
  entries
    .flatMap((entry) => (entry.type !== type ? [entry] : entry.count > 1 ? [{ type, count: entry.count - 1 }] : []))
    .sort((a, b) => b.count - a.count || compareText(a.type, b.type));

const withoutSighting = (stats: readonly FingerprintStat[], id: string): FingerprintStat[] =>
  stats.flatMap((stat) => (stat.id !== id ? [stat] : stat.count > 1 ? [{ ...stat, count: stat.count - 1 }] : []));

const hourlyStart = hoursBefore(ERROR_HOURLY_RETENTION_DAYS * 24 - 1);
const dailyStart = daysBefore(ERROR_DAILY_RETENTION_DAYS - 1);
const increment = (n = 0): number => n + 1;

/** `_global`: the error now counts under the new category and severity; totals and trends stay. */
const moveInGlobal = (doc: ErrorStatisticsDoc, event: Reclassified): ErrorStatisticsDoc => {
  const { from, to } = event.data;
  const byCategory = moved(doc.byCategory, from.category, to.category);
  return {
    ...doc,
    byCategory,
    bySeverity: moved(doc.bySeverity, from.severity, to.severity),
    mostCommonCategory: mostCommon(byCategory),
  };
};

/** The old category's document no longer counts the error. */
const removeFromCategory = (doc: ErrorStatisticsDoc, event: Reclassified): ErrorStatisticsDoc => {
  const { from, errorType, errorMessage } = event.data;
  const failedAt = utcTimestamp(event.data.failedAt);
  const byCategory = withOne(doc.byCategory, from.category, -1);
  const fingerprints = withoutSighting(doc.fingerprints, fingerprintError(errorMessage, errorType).id);
  return {
    ...doc,
    totalErrors: Math.max(0, doc.totalErrors - 1),
    byCategory,
    bySeverity: withOne(doc.bySeverity, from.severity, -1),
    byType: uncountErrorType(doc.byType, errorType),
    mostCommonCategory: mostCommon(byCategory),
    hourly: withoutOne(doc.hourly, utcHourKey(failedAt)),
    daily: withoutOne(doc.daily, utcDayKey(failedAt)),
    fingerprints,
    topFingerprints: topFingerprints(fingerprints),
  };
};

/** The new category's document counts the error at the time it happened. */
const addToCategory = (doc: ErrorStatisticsDoc, event: Reclassified): ErrorStatisticsDoc => {
  const { to, errorType, errorMessage } = event.data;
  const failedAt = utcTimestamp(event.data.failedAt);
  const latestEventAt = laterTimestamp(doc.latestEventAt, failedAt);
  const byCategory = withOne(doc.byCategory, to.category, 1);
  const fingerprint = fingerprintError(errorMessage, errorType);
  const recorded = recordFingerprint(doc.fingerprints, {
    ...fingerprint,
    fingerprint: fingerprint.text,
    at: failedAt,
    example: truncate(errorMessage, 200),
    errorType,
    category: to.category,
    taskId: event.data.taskId,
  });
  return {
    ...doc,
    totalErrors: doc.totalErrors + 1,
    byCategory,
    bySeverity: withOne(doc.bySeverity, to.severity, 1),
    byType: countErrorType(doc.byType, errorType),
    mostCommonCategory: mostCommon(byCategory),
    hourly: bumpBucket(doc.hourly, utcHourKey(failedAt), hourlyStart(latestEventAt), increment),
    daily: bumpBucket(doc.daily, utcDayKey(failedAt), dailyStart(latestEventAt), increment),
    fingerprints: recorded.fingerprints,
    evictedFingerprints: doc.evictedFingerprints + (recorded.evicted ? 1 : 0),
    topFingerprints: topFingerprints(recorded.fingerprints),
    firstErrorAt: doc.firstErrorAt !== null && doc.firstErrorAt < failedAt ? doc.firstErrorAt : failedAt,
    lastErrorAt: laterTimestamp(doc.lastErrorAt, failedAt),
    latestEventAt,
  };
};

/** One document's change for an ErrorReclassified; `updatedAt` is the re-classification's time. */
export const recordReclassification = (
  doc: ErrorStatisticsDoc,
  event: Reclassified,
  documentId: string,
  at: string,
): ErrorStatisticsDoc => {
  const { from, to } = event.data;
  const sameCategory = from.category === to.category;
  const next =
    documentId === GLOBAL_DOC_ID || sameCategory
      ? moveInGlobal(doc, event)
      : documentId === categoryDocId(from.category)
        ? removeFromCategory(doc, event)
        : addToCategory(doc, event);
  return { ...next, updatedAt: at };
};
