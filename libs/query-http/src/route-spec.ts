import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

export type MediaType = 'application/json' | 'text/csv';

/**
 * One GET route: its zod schemas validate the request and describe it in the OpenAPI document,
 * so what is documented is what is enforced.
 */
export interface RouteSpec<Q = Record<string, never>, P = Record<string, never>> {
  /** Fastify path, e.g. `/tasks/:id`. */
  url: string;
  summary: string;
  tag: string;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** Default application/json. */
  produces?: MediaType;
  /** Served without the bearer token. Default false. */
  public?: boolean;
  /** Answers 404 for an unknown task. Default false. */
  notFound?: boolean;
  handle(input: { query: Q; params: P; reply: FastifyReply }): Promise<unknown>;
}

/** Declares a route; the identity function, there for type inference. */
export const route = <Q = Record<string, never>, P = Record<string, never>>(spec: RouteSpec<Q, P>): RouteSpec<Q, P> =>
  spec;

/** Any route, its input types erased (handle is a method, so specs with narrower inputs fit). */
export type AnyRoute = RouteSpec<unknown, unknown>;
