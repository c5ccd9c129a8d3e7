import { ledgerVerification } from '@taskledger/queries';
import { VerifyQuery } from '../api.schemas';
import { ApiContext } from '../api-context';
import { ApiRoute, route } from '../route-spec';

/** GET /verify: the CLI's `verify --format json`, with the same JSON. */
export const verifyRoutes = ({ eventStore }: ApiContext): ApiRoute[] => [
  route({
    url: '/verify',
    schema: {
      summary:
        "Tamper evidence: every stream's hash chain and the ledger checkpoints recomputed (as `taskledger verify --format json`); ok is false and firstBrokenLink names the first break.",
      tags: ['audit'],
      querystring: VerifyQuery,
    },
    config: { notFound: true },
    handler: async ({ query }) => ledgerVerification(eventStore, { stream: query.stream }),
  }),
];
