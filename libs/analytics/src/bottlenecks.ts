import type { PerformanceMetricsDoc, TaskExecutionDoc } from '@taskledger/projections';

export interface SlowTaskOptions {
  /** A task is slow when its average execution time is strictly above this. Default 300 000 ms (5 minutes). */
  thresholdMs?: number;
}

export interface SlowTask {
  taskId: string;
  avgDurationMs: number;
  medianDurationMs: number | null;
  p95DurationMs: number | null;
  executions: number;
}

export interface HighRetryOptions {
  /** A task has high retries when its retries are strictly above this. Default 3 (more than 3 retries). */
  threshold?: number;
}

export interface HighRetryTask {
  taskId: string;
  /** Retries scheduled over the task's life. */
  totalRetries: number;
  /** Retries in the current (or latest) execution. */
  retryCount: number;
  executions: number;
  status: TaskExecutionDoc['status'];
}

export const DEFAULT_SLOW_THRESHOLD_MS = 300_000;
export const DEFAULT_HIGH_RETRY_THRESHOLD = 3;

const byIdText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Tasks whose average execution time is above the threshold, slowest first (ties by id). */
export const slowTasks = (metrics: readonly PerformanceMetricsDoc[], options: SlowTaskOptions = {}): SlowTask[] => {
  const threshold = options.thresholdMs ?? DEFAULT_SLOW_THRESHOLD_MS;
  return metrics
    .flatMap((doc) =>
      doc.scope === 'task' && doc.avgDurationMs !== null && doc.avgDurationMs > threshold
        ? [
            {
              taskId: doc.taskId ?? doc.id,
              avgDurationMs: doc.avgDurationMs,
              medianDurationMs: doc.medianDurationMs,
              p95DurationMs: doc.p95DurationMs,
              executions: doc.executions,
            },
          ]
        : [],
    )
    .sort((a, b) => b.avgDurationMs - a.avgDurationMs || byIdText(a.taskId, b.taskId));
};

/** Tasks with more retries over their life than the threshold, most first (ties by id). */
export const highRetryTasks = (tasks: readonly TaskExecutionDoc[], options: HighRetryOptions = {}): HighRetryTask[] => {
  const threshold = options.threshold ?? DEFAULT_HIGH_RETRY_THRESHOLD;
  return tasks
    .filter((task) => task.totalRetries > threshold)
    .map((task) => ({
      taskId: task.id,
      totalRetries: task.totalRetries,
      retryCount: task.retryCount,
      executions: task.executions,
      status: task.status,
    }))
    .sort((a, b) => b.totalRetries - a.totalRetries || byIdText(a.taskId, b.taskId));
};
