import { randomUUID } from 'node:crypto';
import { newEventId } from '@taskledger/events';
import { ClassifierTable, RetryPoliciesConfig } from '@taskledger/execution';
import { reclassify, whatIfRetryPolicies } from '@taskledger/queries';
import { z } from 'zod';
import { ApiContext } from '../api-context';
import { ApiRoute, postRoute } from '../route-spec';

const ReclassifyBody = z.strictObject({
  /** Report only; append nothing. Default false. */
  dryRun: z.boolean().default(false),
  /** A classifier table in the format of the built-in one (see `taskledger reclassify --help`). */
  rules: ClassifierTable,
});

/** POST /reclassify and POST /what-if: the CLI's `reclassify` and `what-if`, with the same JSON. */
export const auditRoutes = (context: ApiContext): ApiRoute[] => [
  postRoute({
    url: '/reclassify',
    schema: {
      summary:
        'Classify every recorded failure again with the given rule table; unless dryRun, append ErrorReclassified events.',
      tags: ['audit'],
      body: ReclassifyBody,
    },
    handler: async ({ body }) =>
      reclassify(context.eventStore, body.rules, {
        dryRun: body.dryRun,
        context: { newId: newEventId, now: () => new Date(), correlationId: randomUUID(), actor: 'api' },
      }),
  }),
  postRoute({
    url: '/what-if',
    schema: {
      summary:
        'Replay every recorded execution under the given retry policies (overrides per category, as the config file has them); reads only.',
      tags: ['audit'],
      body: RetryPoliciesConfig,
    },
    handler: async ({ body }) => whatIfRetryPolicies(context.eventStore, body),
  }),
];
