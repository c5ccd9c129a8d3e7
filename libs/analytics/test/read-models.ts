import {
  attemptFailed,
  completed,
  executionFailed,
  executionIdFor,
  registered,
  started,
} from '@taskledger/events/testing';
import { LedgerEvent, TaskDefinition } from '@taskledger/events';
import {
  PerformanceMetricsDoc,
  performanceMetricsProjection,
  TaskExecutionDoc,
  taskExecutionsProjection,
} from '@taskledger/projections';
import { foldAll, toProjected } from '@taskledger/projections/testing';

let executions = 0;

/** One execution of a task: started then completed in `durationMs`, or failed without retry. */
export const execution = (taskId: string, outcome: { durationMs?: number; fails?: boolean } = {}): LedgerEvent[] => {
  executions += 1;
  const executionId = executionIdFor(executions);
  const start = started(taskId, { executionId });
  if (!outcome.fails) return [start, completed(taskId, { executionId, durationMs: outcome.durationMs ?? 1000 })];
  return [start, attemptFailed(taskId, { executionId }), executionFailed(taskId, { executionId })];
};

export const task = (taskId: string, definition: Partial<TaskDefinition> = {}): LedgerEvent =>
  registered(taskId, definition);

/** The task_executions and performance_metrics documents the real projections fold from these events. */
export const readModels = (events: readonly LedgerEvent[]) => {
  const projected = toProjected(events);
  return {
    tasks: [...foldAll(taskExecutionsProjection, projected).values()] as TaskExecutionDoc[],
    metrics: [...foldAll(performanceMetricsProjection, projected).values()] as PerformanceMetricsDoc[],
  };
};
