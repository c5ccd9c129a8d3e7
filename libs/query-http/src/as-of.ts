import { AsyncLocalStorage } from 'node:async_hooks';
import { AS_OF_FORMS, asOfJson, asOfPoint, asOfStores, parseAsOf } from '@taskledger/projection-runtime';
import { readModels } from '@taskledger/projections';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiContext } from './api-context';

const parses = (text: string): boolean => {
  try {
    parseAsOf(text);
    return true;
  } catch {
    return false;
  }
};

/** `?asOf=`: answer as the ledger stood at that moment. */
export const AsOfParam = z
  .string()
  .refine(parses, { message: `expected ${AS_OF_FORMS}` })
  .optional()
  .describe(`Answer as the ledger stood then: ${AS_OF_FORMS}. Default: now.`);

/**
 * A store that forwards every call to the stores of the request in hand (its as-of stores) or,
 * outside an as-of request, to `base`: routes keep the one context they were built with.
 */
const forwarding = <T extends object>(base: T, current: () => T | undefined): T =>
  new Proxy(base, {
    get: (_target, property) => {
      const target = current() ?? base;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });

/** The body with `asOf` first: an object, or a JSON export's text (re-rendered as exports render JSON). */
const withAsOf = (body: unknown, asOf: unknown, reply: FastifyReply): unknown => {
  if (typeof body === 'string' && String(reply.getHeader('content-type')).startsWith('application/json'))
    return `${JSON.stringify({ asOf, ...(JSON.parse(body) as object) }, null, 2)}\n`;
  const plain = typeof body === 'object' && body !== null && body !== reply && !Array.isArray(body);
  return plain ? { asOf, ...body } : body;
};

export type AroundHandler = (
  request: FastifyRequest,
  reply: FastifyReply,
  handle: () => Promise<unknown>,
) => Promise<unknown>;

/**
 * As-of for every route: `context` is what routes read (the live stores, or during a request
 * with `asOf` the stores as they stood then); `around` runs a handler so, sets X-Ledger-Position
 * to the point's position and adds `asOf: { position, time }` to a JSON object body.
 */
export const asOfScope = (live: ApiContext): { context: ApiContext; around: AroundHandler } => {
  const scope = new AsyncLocalStorage<ApiContext>();
  const context: ApiContext = {
    readStore: forwarding(live.readStore, () => scope.getStore()?.readStore),
    eventStore: forwarding(live.eventStore, () => scope.getStore()?.eventStore),
  };
  const around: AroundHandler = async (request, reply, handle) => {
    const asOf = (request.query as { asOf?: string } | undefined)?.asOf;
    if (asOf === undefined) return handle();
    const point = await asOfPoint(live, parseAsOf(asOf), readModels);
    const past = asOfStores(live, point, readModels);
    const shown = asOfJson(point);
    reply.header('x-ledger-position', shown.position ?? 'none');
    return withAsOf(await scope.run(past, handle), shown, reply);
  };
  return { context, around };
};
