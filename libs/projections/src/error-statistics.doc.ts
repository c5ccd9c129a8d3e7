import { ErrorCategory, ErrorSeverity, EventOfType } from '@taskledger/events';
import { Doc, GLOBAL_DOC_ID } from './projection';

export type RecoveryAction = EventOfType<'RecoveryActionAttempted'>['data']['action'];
export type RecoveryOutcome = EventOfType<'RecoveryActionAttempted'>['data']['outcome'];

/** One kind of failure: the errors whose normalised messages are equal. */
export interface FingerprintStat {
  /** FNV-1a of `fingerprint`. */
  id: string;
  fingerprint: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  /** The first message seen with this fingerprint (cut to 200 characters). */
  example: string;
  errorType: string;
  category: ErrorCategory;
  /** The tasks it hit, in id order: the first 10 distinct ones seen. */
  tasks: string[];
}

/** How many distinct tasks a fingerprint lists. */
export const MAX_FINGERPRINT_TASKS = 10;

export interface TypeCount {
  type: string;
  count: number;
}

export interface RecoveryCounts {
  attempted: number;
  succeeded: number;
  failed: number;
  notApplicable: number;
}

export interface RecoveryStats extends RecoveryCounts {
  /** succeeded / (succeeded + failed): not-applicable outcomes are counted but not rated. */
  successRate: number | null;
  byAction: Record<RecoveryAction, RecoveryCounts>;
}

/**
 * Error statistics: one `_global` document and one per category (`category:<name>`).
 * An error is one TaskAttemptFailed, counted under the classification decided at the time.
 * Bounded: `fingerprints` keeps at most 500 entries (a new one evicts the least frequent, then
 * least recently seen, then lowest id; `evictedFingerprints` counts evictions), `byType` at most
 * 100 (a new type evicts the last of count desc / type asc), `hourly` the last 30 days and
 * `daily` the last 365 days before the newest event this document has seen.
 */
export interface ErrorStatisticsDoc extends Doc {
  id: string;
  scope: 'global' | 'category';
  category: ErrorCategory | null;
  totalErrors: number;
  byCategory: Record<ErrorCategory, number>;
  bySeverity: Record<ErrorSeverity, number>;
  /** Sorted by count desc, then type. */
  byType: TypeCount[];
  mostCommonCategory: ErrorCategory | null;
  recovery: RecoveryStats;
  /** Errors per UTC hour, `YYYY-MM-DDTHH` ascending. */
  hourly: Record<string, number>;
  /** Errors per UTC day, `YYYY-MM-DD` ascending. */
  daily: Record<string, number>;
  /** Sorted by id. */
  fingerprints: FingerprintStat[];
  evictedFingerprints: number;
  /** The 20 most frequent fingerprints: count desc, last seen desc, id. */
  topFingerprints: FingerprintStat[];
  firstErrorAt: string | null;
  lastErrorAt: string | null;
  latestEventAt: string | null;
  updatedAt: string;
}

/** Hourly error buckets cover this many days before the newest event a document has seen. */
export const ERROR_HOURLY_RETENTION_DAYS = 30;
/** Daily error buckets cover this many days before the newest event a document has seen. */
export const ERROR_DAILY_RETENTION_DAYS = 365;

export const ERROR_CATEGORIES = ErrorCategory.options;
export const ERROR_SEVERITIES = ErrorSeverity.options;
export const RECOVERY_ACTIONS: readonly RecoveryAction[] = [
  'extend-timeout',
  'clear-scratch-dir',
  'backoff',
  'reopen-store',
  'needs-person',
];

/** The id of a category's error statistics document. */
export const categoryDocId = (category: ErrorCategory): string => `category:${category}`;

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

const noRecovery = (): RecoveryCounts => ({ attempted: 0, succeeded: 0, failed: 0, notApplicable: 0 });

const categoryOf = (id: string): ErrorCategory | null =>
  ERROR_CATEGORIES.find((category) => categoryDocId(category) === id) ?? null;

export const emptyErrorStatistics = (id: string, at: string): ErrorStatisticsDoc => ({
  id,
  scope: id === GLOBAL_DOC_ID ? 'global' : 'category',
  category: categoryOf(id),
  totalErrors: 0,
  byCategory: zeroes(ERROR_CATEGORIES),
  bySeverity: zeroes(ERROR_SEVERITIES),
  byType: [],
  mostCommonCategory: null,
  recovery: {
    ...noRecovery(),
    successRate: null,
    byAction: Object.fromEntries(RECOVERY_ACTIONS.map((action) => [action, noRecovery()])) as Record<
      RecoveryAction,
      RecoveryCounts
    >,
  },
  hourly: {},
  daily: {},
  fingerprints: [],
  evictedFingerprints: 0,
  topFingerprints: [],
  firstErrorAt: null,
  lastErrorAt: null,
  latestEventAt: null,
  updatedAt: at,
});
