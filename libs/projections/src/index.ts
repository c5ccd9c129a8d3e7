export { defineProjection, GLOBAL_DOC_ID } from './projection';
export type { AnyProjection, Doc, ProjectedEvent, ProjectionDefinition } from './projection';
export { readModels } from './read-models';
export { backlogTasksProjection } from './backlog-tasks.projection';
export type { BacklogTaskDoc } from './backlog-tasks.projection';
export { taskExecutionsProjection } from './task-executions.projection';
export type {
  CurrentExecution,
  ExecutionFailure,
  ExecutionStatus,
  LastError,
  SkipInfo,
  TaskDefinitionFields,
  TaskExecutionDoc,
} from './task-executions.doc';
export { executionHistoryProjection } from './execution-history.projection';
export type { ExecutionHistoryDoc, HistoryStatus, HistoryValue } from './execution-history.doc';
export { performanceMetricsProjection, PERFORMANCE_DAILY_RETENTION_DAYS } from './performance-metrics.projection';
export type { DailyPerformance, PerformanceMetricsDoc, RetriesHistogram } from './performance-metrics.doc';
export {
  errorStatisticsProjection,
  ERROR_DAILY_RETENTION_DAYS,
  ERROR_HOURLY_RETENTION_DAYS,
} from './error-statistics.projection';
export { categoryDocId } from './error-statistics.doc';
export type {
  ErrorStatisticsDoc,
  FingerprintStat,
  RecoveryAction,
  RecoveryCounts,
  RecoveryStats,
  TypeCount,
} from './error-statistics.doc';
export { MAX_ERROR_TYPES, MAX_FINGERPRINTS, TOP_FINGERPRINTS } from './error-counters';
export { addToSketch, emptySketch, quantile, sketchMean, SKETCH_RELATIVE_ACCURACY } from './duration-sketch';
export type { DurationSketch } from './duration-sketch';
export { fingerprintError, fnv1a32, normaliseErrorMessage } from './error-fingerprint';
export type { ErrorFingerprint } from './error-fingerprint';
