import { errorStatisticsProjection, executionHistoryProjection, GLOBAL_DOC_ID } from '@taskledger/projections';
import type { ErrorCategory, ErrorSeverity } from '@taskledger/events';
import type { FingerprintStat, RecoveryStats, RetriesHistogram, TypeCount } from '@taskledger/projections';
import { ReadStore } from '@taskledger/read-store';
import { ledgerPosition } from './ledger-position';
import { overallPerformance } from './performance.query';
import { ErrorStatisticsDoc, readModel } from './read-models.access';

export interface CountShare<K extends string> {
  key: K;
  count: number;
  /** count / total errors (4 decimals); null when there are none. */
  share: number | null;
}

export interface RetryPatterns {
  /** Ended executions and the retries they used. */
  executions: number;
  totalRetries: number;
  averageRetriesPerExecution: number | null;
  /** Ended executions by retries used (attempt n used n - 1). */
  retriesHistogram: RetriesHistogram;
  /** Ended executions that needed more than one attempt, and how many of those completed. */
  retriedExecutions: number;
  succeededAfterRetry: number;
  retrySuccessRate: number | null;
}

export interface TemporalTrends {
  firstErrorAt: string | null;
  lastErrorAt: string | null;
  /** Errors per UTC hour (`YYYY-MM-DDTHH`, last 30 days), ascending. */
  perHour: { hour: string; count: number }[];
  /** Errors per UTC day (`YYYY-MM-DD`, last 365 days), ascending. */
  perDay: { day: string; count: number }[];
  /** Errors by UTC hour of day 00..23 over the kept hours. */
  byHourOfDay: number[];
}

export interface ErrorReport {
  ledgerPosition: string | null;
  totalErrors: number;
  mostCommonCategory: ErrorCategory | null;
  byCategory: CountShare<ErrorCategory>[];
  bySeverity: CountShare<ErrorSeverity>[];
  byType: TypeCount[];
  recovery: RecoveryStats & { successRate: number | null };
  retryPatterns: RetryPatterns;
  temporal: TemporalTrends;
  topFingerprints: FingerprintStat[];
}

export interface ErrorReportOptions {
  /** How many fingerprints to list (at most the 20 the read model keeps ranked). Default 20. */
  top?: number;
}

const share = (count: number, total: number): number | null =>
  total === 0 ? null : Math.round((count / total) * 10_000) / 10_000;

const countShares = <K extends string>(
  counts: Record<K, number>,
  total: number,
  order: 'count' | 'given',
): CountShare<K>[] => {
  const entries = (Object.entries(counts) as [K, number][]).map(([key, count]) => ({
    key,
    count,
    share: share(count, total),
  }));
  return order === 'count' ? entries.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1)) : entries;
};

const temporal = (doc: ErrorStatisticsDoc): TemporalTrends => {
  const byHourOfDay = new Array<number>(24).fill(0);
  for (const [hour, count] of Object.entries(doc.hourly)) {
    const hourOfDay = Number(hour.slice(11, 13));
    byHourOfDay[hourOfDay] = (byHourOfDay[hourOfDay] ?? 0) + count;
  }
  return {
    firstErrorAt: doc.firstErrorAt,
    lastErrorAt: doc.lastErrorAt,
    perHour: Object.entries(doc.hourly)
      .sort()
      .map(([hour, count]) => ({ hour, count })),
    perDay: Object.entries(doc.daily)
      .sort()
      .map(([day, count]) => ({ day, count })),
    byHourOfDay,
  };
};

/** Retried executions from the retries histogram; only the (few) failures are counted in the history. */
const retryPatterns = async (readStore: ReadStore): Promise<RetryPatterns> => {
  const [overall, failedAfterRetry] = await Promise.all([
    overallPerformance(readStore),
    readModel(readStore, executionHistoryProjection).count({ status: 'failed', attempt: { gt: 1 } }),
  ]);
  const retriedExecutions = overall.executions - overall.retriesHistogram['0'];
  const succeededAfterRetry = Math.max(0, retriedExecutions - failedAfterRetry);
  return {
    executions: overall.executions,
    totalRetries: overall.totalRetries,
    averageRetriesPerExecution: share(overall.totalRetries, overall.executions),
    retriesHistogram: overall.retriesHistogram,
    retriedExecutions,
    succeededAfterRetry,
    retrySuccessRate: share(succeededAfterRetry, retriedExecutions),
  };
};

/** The error analysis: every section of `errors --export-report`, from the `_global` error statistics. */
export const errorReport = async (readStore: ReadStore, options: ErrorReportOptions = {}): Promise<ErrorReport> => {
  const position = await ledgerPosition(readStore);
  const [found, retries] = await Promise.all([
    readModel(readStore, errorStatisticsProjection).get(GLOBAL_DOC_ID),
    retryPatterns(readStore),
  ]);
  const doc = found ?? emptyErrors();
  return {
    ledgerPosition: position,
    totalErrors: doc.totalErrors,
    mostCommonCategory: doc.mostCommonCategory,
    byCategory: countShares(doc.byCategory, doc.totalErrors, 'count'),
    bySeverity: countShares(doc.bySeverity, doc.totalErrors, 'given'),
    byType: doc.byType,
    recovery: doc.recovery,
    retryPatterns: retries,
    temporal: temporal(doc),
    topFingerprints: doc.topFingerprints.slice(0, options.top ?? 20),
  };
};

const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
const CATEGORIES: readonly ErrorCategory[] = [
  'network',
  'file_system',
  'database',
  'permission',
  'timeout',
  'validation',
  'execution',
  'unknown',
];
const SEVERITIES: readonly ErrorSeverity[] = ['low', 'medium', 'high', 'critical'];
const noRecovery = { attempted: 0, succeeded: 0, failed: 0, notApplicable: 0 };

/** What the report shows before the first error. */
const emptyErrors = (): ErrorStatisticsDoc => ({
  id: GLOBAL_DOC_ID,
  scope: 'global',
  category: null,
  totalErrors: 0,
  byCategory: zeroes(CATEGORIES),
  bySeverity: zeroes(SEVERITIES),
  byType: [],
  mostCommonCategory: null,
  hourly: {},
  daily: {},
  fingerprints: [],
  evictedFingerprints: 0,
  topFingerprints: [],
  recovery: {
    ...noRecovery,
    successRate: null,
    byAction: {
      'extend-timeout': noRecovery,
      'clear-scratch-dir': noRecovery,
      backoff: noRecovery,
      'reopen-store': noRecovery,
      'needs-person': noRecovery,
    },
  },
  firstErrorAt: null,
  lastErrorAt: null,
  latestEventAt: null,
  updatedAt: '',
});
