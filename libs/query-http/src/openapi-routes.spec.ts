import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FastifyInstance, RouteOptions } from 'fastify';
import { MemoryEventStore } from '@taskledger/event-store';
import { MemoryReadStore } from '@taskledger/read-store';
import { z } from 'zod';
import { buildApp } from './app';

type Parameter = { name: string; in: 'query' | 'path' };
type Document = { info: { version: string }; paths: Record<string, Record<string, { parameters: Parameter[] }>> };

const names = (parameters: Parameter[], location: Parameter['in']) =>
  parameters.filter((parameter) => parameter.in === location).map((parameter) => parameter.name);

const queryNames = (route: RouteOptions): string[] => {
  const querystring = route.schema?.querystring;
  return querystring instanceof z.ZodObject ? Object.keys(querystring.shape) : [];
};

describe('/openapi.json against the routes fastify registered', () => {
  let app: FastifyInstance;
  let document: Document;
  const registered: RouteOptions[] = [];

  beforeAll(async () => {
    app = buildApp({ eventStore: new MemoryEventStore(), readStore: new MemoryReadStore() });
    app.addHook('onRoute', (route) => void registered.push(route));
    document = (await app.inject({ url: '/openapi.json' })).json() as Document;
  });
  afterAll(() => app.close());

  it('documents every registered route, and only those', () => {
    const served = registered
      .map((route) => `${String(route.method)} ${route.url.replace(/:([A-Za-z]+)/g, '{$1}')}`)
      .sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(registered.length).toBeGreaterThanOrEqual(19);
    expect(documented).toEqual(served);
  });

  it('lists, for every route, exactly the query parameters its schema validates', () => {
    const validated = registered.filter((route) => queryNames(route).length > 0);
    expect(validated.map((route) => route.url)).toEqual(expect.arrayContaining(['/tasks', '/analytics/anomalies']));
    for (const route of registered) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const { parameters } = document.paths[path]![String(route.method).toLowerCase()]!;
      expect([path, names(parameters, 'query')]).toEqual([path, queryNames(route)]);
      expect([path, names(parameters, 'path')]).toEqual([
        path,
        [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]),
      ]);
    }
  });

  it('carries the version of the package', () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
    expect(document.info.version).toBe(version);
  });
});
