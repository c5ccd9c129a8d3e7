export { fractionalRanks, median, medianAbsoluteDeviation, pearson, robustZ, spearman } from './statistics';
export { betaQuantile, regularizedBeta } from './incomplete-beta';
export { betaPosterior, predictSuccess, seedRulePrediction, successTrend } from './success-prediction';
export type {
  BetaPosterior,
  ExecutionCounts,
  ExecutionOutcome,
  PredictionOptions,
  SeedRulePrediction,
  SuccessPrediction,
  SuccessTrend,
  TrendDirection,
} from './success-prediction';
export { DEFAULT_HIGH_RETRY_THRESHOLD, DEFAULT_SLOW_THRESHOLD_MS, highRetryTasks, slowTasks } from './bottlenecks';
export type { HighRetryOptions, HighRetryTask, SlowTask, SlowTaskOptions } from './bottlenecks';
export { durationEstimate, durationEstimates } from './duration-estimate';
export type { DurationEstimate } from './duration-estimate';
export { backlogEta } from './backlog-eta';
export type { BacklogEta, FallbackEstimate } from './backlog-eta';
export { PRIORITY_ORDINAL, taskCorrelations } from './correlations';
export type { Correlation } from './correlations';
export { durationAnomalies } from './duration-anomalies';
export type { AnomalyOptions, DurationAnomaly } from './duration-anomalies';
export { failureRateSpikes } from './failure-spikes';
export type { DailyOutcomes, FailureSpike, FailureSpikeOptions } from './failure-spikes';
