import { performanceMetricsProjection, taskExecutionsProjection, GLOBAL_DOC_ID } from '@taskledger/projections';
import {
  BacklogEta,
  backlogEta,
  Correlation,
  DurationEstimate,
  durationEstimate,
  durationEstimates,
  HighRetryOptions,
  HighRetryTask,
  highRetryTasks,
  SlowTask,
  SlowTaskOptions,
  slowTasks,
  taskCorrelations,
  DEFAULT_SLOW_THRESHOLD_MS,
  DEFAULT_HIGH_RETRY_THRESHOLD,
} from '@taskledger/analytics';
import { ReadStore } from '@taskledger/read-store';
import { readModel, requireTask } from './read-models.access';

export interface SlowTasksResult {
  thresholdMs: number;
  tasks: SlowTask[];
}

/** Tasks averaging above the threshold (seed: 300 s); served by the index on avgDurationMs. */
export const findSlowTasks = async (readStore: ReadStore, options: SlowTaskOptions = {}): Promise<SlowTasksResult> => {
  const thresholdMs = options.thresholdMs ?? DEFAULT_SLOW_THRESHOLD_MS;
  const docs = await readModel(readStore, performanceMetricsProjection).findAll({
    filter: { avgDurationMs: { gt: thresholdMs }, scope: 'task' },
  });
  return { thresholdMs, tasks: slowTasks(docs, { thresholdMs }) };
};

export interface HighRetryResult {
  threshold: number;
  tasks: HighRetryTask[];
}

/** Tasks with more retries over their life than the threshold (seed: 3). */
export const findHighRetryTasks = async (
  readStore: ReadStore,
  options: HighRetryOptions = {},
): Promise<HighRetryResult> => {
  const threshold = options.threshold ?? DEFAULT_HIGH_RETRY_THRESHOLD;
  const docs = await readModel(readStore, taskExecutionsProjection).findAll({
    filter: { totalRetries: { gt: threshold } },
  });
  return { threshold, tasks: highRetryTasks(docs, { threshold }) };
};

/** Priority vs success, points vs duration, dependencies vs retries (Spearman, with n). */
export const correlations = async (readStore: ReadStore): Promise<Correlation[]> => {
  const [tasks, metrics] = await Promise.all([
    readModel(readStore, taskExecutionsProjection).findAll(),
    readModel(readStore, performanceMetricsProjection).findAll({ filter: { scope: 'task' } }),
  ]);
  return taskCorrelations(tasks, metrics);
};

export interface BacklogEstimate {
  eta: BacklogEta;
  /** Estimates of the pending tasks that have history, by task id. */
  estimates: DurationEstimate[];
}

/** Backlog ETA along the dependency critical path; tasks without history take the median over all tasks. */
export const estimateBacklog = async (readStore: ReadStore): Promise<BacklogEstimate> => {
  const [tasks, metrics, global] = await Promise.all([
    readModel(readStore, taskExecutionsProjection).findAll(),
    readModel(readStore, performanceMetricsProjection).findAll({ filter: { scope: 'task' } }),
    readModel(readStore, performanceMetricsProjection).get(GLOBAL_DOC_ID),
  ]);
  const estimates = durationEstimates(metrics);
  const fallback =
    global?.medianDurationMs != null
      ? { medianMs: global.medianDurationMs, p95Ms: global.p95DurationMs ?? global.medianDurationMs }
      : null;
  const eta = backlogEta(tasks, estimates, fallback);
  const pending = new Set(tasks.filter((task) => task.status !== 'completed').map((task) => task.id));
  return { eta, estimates: [...estimates.values()].filter((estimate) => pending.has(estimate.taskId)) };
};

/** One task's duration estimate (no samples when it never completed); TaskledgerError('NotFound') when unknown. */
export const estimateTask = async (readStore: ReadStore, taskId: string): Promise<DurationEstimate> => {
  const doc = await readModel(readStore, performanceMetricsProjection).get(taskId);
  if (doc !== null && doc.scope === 'task') return durationEstimate(doc);
  await requireTask(readStore, taskId);
  return { taskId, samples: 0, medianMs: null, p95Ms: null, method: 'ddsketch-quantiles' };
};
