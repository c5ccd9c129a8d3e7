import { EXPORT_FORMATS, EXPORT_KINDS, exportFile } from '@taskledger/queries';
import { NoQuery } from '../api.schemas';
import { ApiContext } from '../api-context';
import { AnyRoute, route } from '../route-spec';

/**
 * `/export/<kind>.<format>`: the same bytes the CLI's `export` writes. The position the export
 * reflects is in the body (a JSON field, a CSV column) and in X-Ledger-Position.
 */
export const exportRoutes = ({ readStore }: ApiContext): AnyRoute[] =>
  EXPORT_KINDS.flatMap((kind) =>
    EXPORT_FORMATS.map((format) =>
      route({
        url: `/export/${kind}.${format}`,
        summary: `Reproducible export of ${kind} as ${format.toUpperCase()} (ordered by id, no wall-clock time).`,
        tag: 'exports',
        query: NoQuery,
        produces: format === 'csv' ? 'text/csv' : 'application/json',
        handle: async ({ reply }) => {
          const file = await exportFile(readStore, kind, format);
          reply.header('x-ledger-position', file.ledgerPosition ?? 'none').type(file.contentType);
          return file.body;
        },
      }),
    ),
  );
