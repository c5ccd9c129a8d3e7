import { getTask, listTasks, taskHistory, TaskSortField } from '@taskledger/queries';
import type { ExecutionStatus } from '@taskledger/projections';
import { HistoryQuery, TaskIdParams, TasksQuery } from '../api.schemas';
import { ApiContext } from '../api-context';
import { ApiRoute, route } from '../route-spec';

const parseSort = (sort: string | undefined) =>
  sort === undefined
    ? undefined
    : {
        field: sort.replace(/^-/, '') as TaskSortField,
        direction: sort.startsWith('-') ? ('desc' as const) : ('asc' as const),
      };

export const taskRoutes = ({ readStore, eventStore }: ApiContext): ApiRoute[] => [
  route({
    url: '/tasks',
    schema: {
      summary: 'Tasks with their definition and execution state, filtered, sorted and paginated.',
      tags: ['tasks'],
      querystring: TasksQuery,
    },
    handler: async ({ query }) => {
      const { status, backlogStatus, priority, humanRequired, sort, limit, cursor } = query;
      const filter = { status: status as ExecutionStatus | undefined, backlogStatus, priority, humanRequired };
      return listTasks(readStore, { filter, sort: parseSort(sort), limit, cursor });
    },
  }),
  route({
    url: '/tasks/:id',
    schema: { summary: "One task's definition and execution state.", tags: ['tasks'], params: TaskIdParams },
    config: { notFound: true },
    handler: async ({ params }) => getTask(readStore, params.id),
  }),
  route({
    url: '/tasks/:id/history',
    schema: {
      summary: "The task's audit trail, straight from its event stream, oldest first, paginated by revision.",
      tags: ['tasks'],
      params: TaskIdParams,
      querystring: HistoryQuery,
    },
    config: { notFound: true },
    handler: async ({ params, query }) => taskHistory(eventStore, params.id, { from: query.from, limit: query.limit }),
  }),
];
