import { EXPORT_FORMATS, EXPORT_KINDS, exportFile } from '@taskledger/queries';
import { NoQuery } from '../api.schemas';
import { ApiContext } from '../api-context';
import { ApiRoute, route } from '../route-spec';

/**
 * `/export/<kind>.<format>`: the same bytes the CLI's `export` writes. The position the export
 * reflects is in the body (a JSON field, a CSV column) and in X-Ledger-Position.
 */
export const exportRoutes = ({ readStore }: ApiContext): ApiRoute[] =>
  EXPORT_KINDS.flatMap((kind) =>
    EXPORT_FORMATS.map((format) =>
      route({
        url: `/export/${kind}.${format}`,
        schema: {
          summary: `Reproducible export of ${kind} as ${format.toUpperCase()} (ordered by id, no wall-clock time).`,
          tags: ['exports'],
          querystring: NoQuery,
          ...(format === 'csv' ? { produces: ['text/csv'] } : {}),
        },
        handler: async (_request, reply) => {
          const file = await exportFile(readStore, kind, format);
          reply.header('x-ledger-position', file.ledgerPosition ?? 'none').type(file.contentType);
          return file.body;
        },
      }),
    ),
  );
