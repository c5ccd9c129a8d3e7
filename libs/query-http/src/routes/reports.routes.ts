import {
  cachedLedgerStatus,
  errorReport,
  overallPerformance,
  performancePage,
  projectionsStatus,
  taskPerformance,
} from '@taskledger/queries';
import { ErrorsQuery, MetricsParams, NoQuery, PageQuery } from '../api.schemas';
import { ApiContext } from '../api-context';
import { ApiRoute, route } from '../route-spec';

export const reportRoutes = (context: ApiContext): ApiRoute[] => {
  const status = cachedLedgerStatus(context);
  return [
    route({
      url: '/status',
      schema: {
        summary: 'Task counts by status, recent executions, success rate and projection lag.',
        tags: ['reports'],
        querystring: NoQuery,
      },
      handler: async () => status(),
    }),
    route({
      url: '/metrics',
      schema: {
        summary: 'Performance over all tasks and a page of per-task rows (by task id).',
        tags: ['reports'],
        querystring: PageQuery,
      },
      handler: async ({ query }) => {
        const [overall, page] = await Promise.all([
          overallPerformance(context.readStore),
          performancePage(context.readStore, query),
        ]);
        return { overall, tasks: page.items, nextCursor: page.nextCursor };
      },
    }),
    route({
      url: '/metrics/:taskId',
      schema: {
        summary: "One task's performance (zeros when it never ended an execution).",
        tags: ['reports'],
        params: MetricsParams,
      },
      config: { notFound: true },
      handler: async ({ params }) => taskPerformance(context.readStore, params.taskId),
    }),
    route({
      url: '/errors',
      schema: {
        summary: 'Error analysis: by category, severity, recovery, retry patterns, temporal trends, top fingerprints.',
        tags: ['reports'],
        querystring: ErrorsQuery,
      },
      handler: async ({ query }) => errorReport(context.readStore, { top: query.top }),
    }),
    route({
      url: '/projections',
      schema: {
        summary: 'State, checkpoint position and lag of each read model.',
        tags: ['system'],
        querystring: NoQuery,
      },
      handler: async () => ({ projections: await projectionsStatus(context) }),
    }),
  ];
};
