import { getTask, listTasks, taskHistory, TaskSortField } from '@taskledger/queries';
import type { ExecutionStatus } from '@taskledger/projections';
import { HistoryQuery, TaskIdParams, TasksQuery } from '../api.schemas';
import { ApiContext } from '../api-context';
import { AnyRoute, route } from '../route-spec';

const parseSort = (sort: string | undefined) =>
  sort === undefined
    ? undefined
    : {
        field: sort.replace(/^-/, '') as TaskSortField,
        direction: sort.startsWith('-') ? ('desc' as const) : ('asc' as const),
      };

export const taskRoutes = ({ readStore, eventStore }: ApiContext): AnyRoute[] => [
  route({
    url: '/tasks',
    summary: 'Tasks with their definition and execution state, filtered, sorted and paginated.',
    tag: 'tasks',
    query: TasksQuery,
    handle: async ({ query }) => {
      const { status, backlogStatus, priority, humanRequired, sort, limit, cursor } = query;
      const filter = { status: status as ExecutionStatus | undefined, backlogStatus, priority, humanRequired };
      return listTasks(readStore, { filter, sort: parseSort(sort), limit, cursor });
    },
  }),
  route({
    url: '/tasks/:id',
    summary: "One task's definition and execution state.",
    tag: 'tasks',
    params: TaskIdParams,
    notFound: true,
    handle: async ({ params }) => getTask(readStore, params.id),
  }),
  route({
    url: '/tasks/:id/history',
    summary: "The task's audit trail, straight from its event stream, oldest first, paginated by revision.",
    tag: 'tasks',
    params: TaskIdParams,
    query: HistoryQuery,
    notFound: true,
    handle: async ({ params, query }) => taskHistory(eventStore, params.id, { from: query.from, limit: query.limit }),
  }),
];
