import type {
  ContextConfigDefault,
  FastifyBaseLogger,
  FastifyContextConfig,
  FastifyInstance,
  FastifySchema,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AroundHandler, AsOfParam } from './as-of';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without the bearer token. Default false. */
    public?: boolean;
    /** Answers 404 for an unknown task (documented in /openapi.json). Default false. */
    notFound?: boolean;
  }
}

/** The app with the zod type provider: route schemas are zod schemas that validate and type the request. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * One GET route. Fastify validates the request with the schema's zod `querystring` and `params`
 * (a 400 names the field), the handler gets their parsed output, and /openapi.json describes the
 * same schemas, so what is documented is what is enforced.
 */
export interface RouteSpec<S extends FastifySchema> {
  /** Fastify path, e.g. `/tasks/:id`. */
  url: string;
  schema: S & { summary: string; tags: [string] };
  config?: FastifyContextConfig;
  /** Takes `?asOf=` (answers as the ledger stood then). Default true. */
  asOf?: boolean;
  handler: RouteHandlerMethod<
    RawServerDefault,
    RawRequestDefaultExpression,
    RawReplyDefaultExpression,
    RouteGenericInterface,
    ContextConfigDefault,
    S,
    ZodTypeProvider
  >;
}

/** A declared route, ready to be registered on the app. */
export interface ApiRoute {
  url: string;
  /** `around` runs the handler (as-of requests run it over the stores as they stood then). */
  register(app: ZodApp, around?: AroundHandler): void;
}

/** Declares a POST route: as `route`, with the zod `body` schema validating the JSON body. */
export const postRoute = <S extends FastifySchema>(spec: RouteSpec<S>): ApiRoute => ({
  url: spec.url,
  register: (app) => {
    app.post<RouteGenericInterface, ContextConfigDefault, S>(
      spec.url,
      { schema: spec.schema, config: spec.config ?? {} },
      spec.handler,
    );
  },
});

/** The route's query schema with `asOf` added (a route without one checks `asOf` only). */
const withAsOf = <S extends FastifySchema>(schema: S): S => {
  const query = (schema.querystring as z.ZodObject | undefined) ?? z.object({});
  return { ...schema, querystring: query.extend({ asOf: AsOfParam }) };
};

/** Declares a GET route; its schema and config go to fastify as they are. */
export const route = <S extends FastifySchema>(spec: RouteSpec<S>): ApiRoute => ({
  url: spec.url,
  register: (app, around) => {
    const asOf = spec.asOf !== false;
    const handler = function (this: ThisParameterType<typeof spec.handler>, ...args: Parameters<typeof spec.handler>) {
      const handle = () => Promise.resolve(spec.handler.apply(this, args));
      return asOf && around ? around(args[0], args[1], handle) : handle();
    } as typeof spec.handler;
    app.get<RouteGenericInterface, ContextConfigDefault, S>(
      spec.url,
      { schema: asOf ? withAsOf(spec.schema) : spec.schema, config: spec.config ?? {} },
      handler,
    );
  },
});
