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
import { AnyRoute, route } from '../route-spec';

export const reportRoutes = (context: ApiContext): AnyRoute[] => {
  const status = cachedLedgerStatus(context);
  return [
    route({
      url: '/status',
      summary: 'Task counts by status, recent executions, success rate and projection lag.',
      tag: 'reports',
      query: NoQuery,
      handle: async () => status(),
    }),
    route({
      url: '/metrics',
      summary: 'Performance over all tasks and a page of per-task rows (by task id).',
      tag: 'reports',
      query: PageQuery,
      handle: async ({ query }) => {
        const [overall, page] = await Promise.all([
          overallPerformance(context.readStore),
          performancePage(context.readStore, query),
        ]);
        return { overall, tasks: page.items, nextCursor: page.nextCursor };
      },
    }),
    route({
      url: '/metrics/:taskId',
      summary: "One task's performance (zeros when it never ended an execution).",
      tag: 'reports',
      params: MetricsParams,
      notFound: true,
      handle: async ({ params }) => taskPerformance(context.readStore, params.taskId),
    }),
    route({
      url: '/errors',
      summary: 'Error analysis: by category, severity, recovery, retry patterns, temporal trends, top fingerprints.',
      tag: 'reports',
      query: ErrorsQuery,
      handle: async ({ query }) => errorReport(context.readStore, { top: query.top }),
    }),
    route({
      url: '/projections',
      summary: 'State, checkpoint position and lag of each read model.',
      tag: 'system',
      query: NoQuery,
      handle: async () => ({ projections: await projectionsStatus(context) }),
    }),
  ];
};
