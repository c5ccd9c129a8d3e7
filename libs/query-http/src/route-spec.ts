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
  register(app: ZodApp): void;
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

/** Declares a GET route; its schema and config go to fastify as they are. */
export const route = <S extends FastifySchema>(spec: RouteSpec<S>): ApiRoute => ({
  url: spec.url,
  register: (app) => {
    app.get<RouteGenericInterface, ContextConfigDefault, S>(
      spec.url,
      { schema: spec.schema, config: spec.config ?? {} },
      spec.handler,
    );
  },
});
