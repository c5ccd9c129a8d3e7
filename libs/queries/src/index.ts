export { ledgerPosition } from './ledger-position';
export { readModel, taskNotFound } from './read-models.access';
export type { ReadModel } from './read-models.access';
export { csvField, toCsv } from './csv';
export type { CsvValue } from './csv';
export { percent, seconds, shortTime, textTable } from './format';
export { cachedLedgerStatus, EXECUTION_STATUSES, ledgerStatus, recentExecutions } from './status.query';
export type { LedgerStatus, RecentExecution, StatusOptions } from './status.query';
export { renderStatusText } from './status.render';
export { DEFAULT_PAGE_SIZE, getTask, listTasks, MAX_PAGE_SIZE, TASK_SORT_FIELDS } from './tasks.query';
export type { TaskFilter, TaskListQuery, TaskSortField } from './tasks.query';
export { taskHistory } from './history.query';
export type { HistoryEvent, HistoryQuery, TaskHistory } from './history.query';
export { keyFacts, renderHistoryText } from './history.render';
export {
  emptyPerformanceRow,
  overallPerformance,
  performancePage,
  performanceRow,
  performanceStats,
  taskPerformance,
} from './performance.query';
export type { PerformanceRow, PerformanceStats } from './performance.query';
export { METRICS_CSV_HEADER, renderMetricsCsv, renderStatsText } from './performance.render';
export { errorReport } from './errors.query';
export type { CountShare, ErrorReport, ErrorReportOptions, RetryPatterns, TemporalTrends } from './errors.query';
export { ERRORS_CSV_HEADER, renderErrorsCsv, renderErrorsText } from './errors.render';
export { correlations, estimateBacklog, estimateTask, findHighRetryTasks, findSlowTasks } from './analytics.query';
export type { BacklogEstimate, HighRetryResult, SlowTasksResult } from './analytics.query';
export { anomalies, latestOutcomes, predictions } from './predictions.query';
export type { AnomalyReport, PredictionPage } from './predictions.query';
export {
  EXPORT_FORMATS,
  EXPORT_KINDS,
  exportFile,
  renderJson,
  renderTasksCsv,
  TASKS_CSV_HEADER,
  tasksExport,
} from './exports.query';
export type { ExportFile, ExportFormat, ExportKind, TasksExport } from './exports.query';
export { projectionsStatus } from './projections.query';
export { ledgerVerification, renderVerifyText } from './verify.query';
export type { VerifyQuery } from './verify.query';
export { reclassify } from './reclassify.query';
export type { ReclassifyOptions, ReclassifyResult } from './reclassify.query';
export { whatIfRetryPolicies } from './what-if.query';
export { renderReclassifyText, renderWhatIfText } from './audit.render';
export { dailyPerformance } from './daily-performance.query';
export type { DailyPerformanceReport, DailyPerformanceRow } from './daily-performance.query';
