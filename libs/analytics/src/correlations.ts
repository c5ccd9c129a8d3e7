import type { PerformanceMetricsDoc, TaskExecutionDoc } from '@taskledger/projections';
import { roundTo, spearman } from './statistics';

export interface Correlation {
  name: 'priority_vs_success' | 'points_vs_duration' | 'dependencies_vs_retries';
  x: string;
  y: string;
  method: 'spearman';
  /** Tasks that had both values. */
  n: number;
  /** Spearman's rho in [-1, 1] (4 decimals); null when n < 3 or a side does not vary. */
  rho: number | null;
}

/** Priority as an ordinal (higher = more urgent); unknown priorities are left out. */
export const PRIORITY_ORDINAL: Readonly<Record<string, number>> = { critical: 4, high: 3, medium: 2, low: 1 };

const correlation = (
  name: Correlation['name'],
  x: string,
  y: string,
  pairs: ReadonlyArray<readonly [number, number]>,
): Correlation => {
  const rho =
    pairs.length < 3
      ? null
      : spearman(
          pairs.map((pair) => pair[0]),
          pairs.map((pair) => pair[1]),
        );
  return { name, x, y, method: 'spearman', n: pairs.length, rho: rho === null ? null : roundTo(rho, 4) };
};

/**
 * Three correlations over tasks that have ended at least one execution: priority vs
 * success rate, story points vs average duration, dependency count vs retries (Spearman, which
 * needs no linearity and suits ordinal priority).
 */
export const taskCorrelations = (
  tasks: readonly TaskExecutionDoc[],
  metrics: readonly PerformanceMetricsDoc[],
): Correlation[] => {
  const byTask = new Map(
    metrics.filter((doc) => doc.scope === 'task' && doc.executions > 0).map((doc) => [doc.taskId ?? doc.id, doc]),
  );
  const joined = [...tasks]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .flatMap((task) => {
      const doc = byTask.get(task.id);
      return doc ? [{ task, doc }] : [];
    });
  const prioritySuccess = joined.flatMap(({ task, doc }) => {
    const ordinal = PRIORITY_ORDINAL[task.priority];
    return ordinal !== undefined && doc.successRate !== null ? [[ordinal, doc.successRate] as const] : [];
  });
  const pointsDuration = joined.flatMap(({ task, doc }) =>
    task.points !== null && doc.avgDurationMs !== null ? [[task.points, doc.avgDurationMs] as const] : [],
  );
  const dependenciesRetries = joined.map(({ task }) => [task.dependencies.length, task.totalRetries] as const);
  return [
    correlation('priority_vs_success', 'priority (critical 4 .. low 1)', 'success rate', prioritySuccess),
    correlation('points_vs_duration', 'story points', 'average duration (ms)', pointsDuration),
    correlation('dependencies_vs_retries', 'dependency count', 'retries over the task life', dependenciesRetries),
  ];
};
