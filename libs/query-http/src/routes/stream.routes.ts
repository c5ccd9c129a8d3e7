import { NoQuery } from '../api.schemas';
import { PositionStream } from '../position-stream';
import { ApiRoute, route } from '../route-spec';

export const streamRoutes = (stream: PositionStream): ApiRoute[] => [
  route({
    url: '/events/stream',
    schema: {
      summary:
        "Server-sent events: a `position` event (id and data: the read models' position) whenever the read models move on. " +
        'Send Last-Event-ID to resume: nothing comes until the position differs from it.',
      tags: ['system'],
      querystring: NoQuery,
      produces: ['text/event-stream'],
    },
    asOf: false,
    handler: async (request, reply) => stream.open(request, reply),
  }),
];
