import { backlogTasksProjection } from './backlog-tasks.projection';
import { errorStatisticsProjection } from './error-statistics.projection';
import { executionHistoryProjection } from './execution-history.projection';
import { performanceMetricsProjection } from './performance-metrics.projection';
import { AnyProjection } from './projection';
import { taskExecutionsProjection } from './task-executions.projection';

/** Every read model of this lib, for the projector to register. */
export const readModels: readonly AnyProjection[] = [
  backlogTasksProjection,
  taskExecutionsProjection,
  executionHistoryProjection,
  performanceMetricsProjection,
  errorStatisticsProjection,
];
