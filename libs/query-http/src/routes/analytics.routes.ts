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
import { ApiRoute, route } from '../route-spec';

export const analyticsRoutes = ({ readStore }: ApiContext): ApiRoute[] => [
  route({
    url: '/analytics/slow',
    schema: {
      summary: 'Tasks whose average execution time is above the threshold (default 300 s), slowest first.',
      tags: ['analytics'],
      querystring: SlowQuery,
    },
    handler: async ({ query }) => findSlowTasks(readStore, { thresholdMs: query.thresholdSeconds * 1000 }),
  }),
  route({
    url: '/analytics/high-retry',
    schema: {
      summary: 'Tasks with more retries over their life than the threshold (default 3).',
      tags: ['analytics'],
      querystring: HighRetryQuery,
    },
    handler: async ({ query }) => findHighRetryTasks(readStore, { threshold: query.threshold }),
  }),
  route({
    url: '/analytics/predictions',
    schema: {
      summary:
        'Success probability per task: Beta posterior, trend of the latest executions, and the threshold rule (success rate and average duration).',
      tags: ['analytics'],
      querystring: PredictionsQuery,
    },
    config: { notFound: true },
    handler: async ({ query }) => {
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
    schema: {
      summary: 'Spearman correlations with n: priority vs success, points vs duration, dependencies vs retries.',
      tags: ['analytics'],
      querystring: NoQuery,
    },
    handler: async () => ({ correlations: await correlations(readStore) }),
  }),
  route({
    url: '/analytics/anomalies',
    schema: {
      summary: "Executions far outside their task's own durations, and daily failure-rate spikes.",
      tags: ['analytics'],
      querystring: AnomaliesQuery,
    },
    handler: async ({ query }) =>
      anomalies(readStore, {
        taskId: query.taskId,
        anomaly: { zThreshold: query.zThreshold, minHistory: query.minHistory, p99Multiple: query.p99Multiple },
        spikes: { minExecutions: query.minExecutions },
      }),
  }),
  route({
    url: '/analytics/estimate',
    schema: {
      summary:
        "Duration estimates (median, p95) and the backlog ETA along the dependency critical path; or one task's estimate.",
      tags: ['analytics'],
      querystring: EstimateQuery,
    },
    config: { notFound: true },
    handler: async ({ query }) =>
      query.taskId === undefined ? estimateBacklog(readStore) : estimateTask(readStore, query.taskId),
  }),
];
