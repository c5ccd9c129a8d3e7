import {
  anomalies,
  correlations,
  estimateBacklog,
  estimateTask,
  findHighRetryTasks,
  findSlowTasks,
  predictions,
} from '@taskledger/queries';
import { AnomaliesQuery, EstimateQuery, HighRetryQuery, NoQuery, PredictionsQuery, SlowQuery } from '../api.schemas';
import { ApiContext } from '../api-context';
import { AnyRoute, route } from '../route-spec';

export const analyticsRoutes = ({ readStore }: ApiContext): AnyRoute[] => [
  route({
    url: '/analytics/slow',
    summary: 'Tasks whose average execution time is above the threshold (default 300 s), slowest first.',
    tag: 'analytics',
    query: SlowQuery,
    handle: async ({ query }) => findSlowTasks(readStore, { thresholdMs: query.thresholdSeconds * 1000 }),
  }),
  route({
    url: '/analytics/high-retry',
    summary: 'Tasks with more retries over their life than the threshold (default 3).',
    tag: 'analytics',
    query: HighRetryQuery,
    handle: async ({ query }) => findHighRetryTasks(readStore, { threshold: query.threshold }),
  }),
  route({
    url: '/analytics/predictions',
    summary: "Success probability per task: Beta posterior, trend of the latest executions, and the seed's rule.",
    tag: 'analytics',
    query: PredictionsQuery,
    notFound: true,
    handle: async ({ query }) => {
      const { taskId, window, maxAvgSeconds, minSuccessRate, ...rest } = query;
      const options = {
        ...rest,
        trendWindow: window,
        seedMaxAvgMs: maxAvgSeconds * 1000,
        seedMinSuccessRate: minSuccessRate,
      };
      return predictions(readStore, taskId === undefined ? options : { ...options, taskIds: [taskId] });
    },
  }),
  route({
    url: '/analytics/correlations',
    summary: 'Spearman correlations with n: priority vs success, points vs duration, dependencies vs retries.',
    tag: 'analytics',
    query: NoQuery,
    handle: async () => ({ correlations: await correlations(readStore) }),
  }),
  route({
    url: '/analytics/anomalies',
    summary: "Executions far outside their task's own durations, and daily failure-rate spikes.",
    tag: 'analytics',
    query: AnomaliesQuery,
    handle: async ({ query }) =>
      anomalies(readStore, {
        taskId: query.taskId,
        anomaly: { zThreshold: query.zThreshold, minHistory: query.minHistory, p99Multiple: query.p99Multiple },
        spikes: { minExecutions: query.minExecutions },
      }),
  }),
  route({
    url: '/analytics/estimate',
    summary:
      "Duration estimates (median, p95) and the backlog ETA along the dependency critical path; or one task's estimate.",
    tag: 'analytics',
    query: EstimateQuery,
    notFound: true,
    handle: async ({ query }) =>
      query.taskId === undefined ? estimateBacklog(readStore) : estimateTask(readStore, query.taskId),
  }),
];
