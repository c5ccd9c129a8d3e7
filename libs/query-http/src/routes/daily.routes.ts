import { dailyPerformance } from '@taskledger/queries';
import { NoQuery } from '../api.schemas';
import { ApiContext } from '../api-context';
import { ApiRoute, route } from '../route-spec';

export const dailyRoutes = ({ readStore }: ApiContext): ApiRoute[] => [
  route({
    url: '/performance/daily',
    schema: {
      summary:
        'Per UTC day (oldest first, last 90 days): ended executions, successes, failures and p50/p95/p99 of successful durations.',
      tags: ['reports'],
      querystring: NoQuery,
    },
    handler: async () => dailyPerformance(readStore),
  }),
];
