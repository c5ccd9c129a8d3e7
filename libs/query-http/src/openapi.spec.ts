import { FastifyInstance } from 'fastify';
import { MemoryEventStore } from '@taskledger/event-store';
import { MemoryReadStore } from '@taskledger/read-store';
import { apiRoutes, buildApp } from './app';

type Operation = {
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  responses: Record<string, unknown>;
};
type Document = {
  openapi: string;
  paths: Record<string, { get: Operation; post?: Operation }>;
  components: { schemas: Record<string, unknown> };
};

const EXPECTED_PATHS = [
  '/health',
  '/status',
  '/tasks',
  '/tasks/{id}',
  '/tasks/{id}/history',
  '/metrics',
  '/metrics/{taskId}',
  '/errors',
  '/analytics/slow',
  '/analytics/high-retry',
  '/analytics/predictions',
  '/analytics/correlations',
  '/analytics/anomalies',
  '/analytics/estimate',
  '/projections',
  '/export/metrics.csv',
  '/export/tasks.json',
  '/export/errors.json',
  '/openapi.json',
  '/reclassify',
  '/what-if',
];

describe('OpenAPI document', () => {
  let app: FastifyInstance;
  let document: Document;
  const stores = { eventStore: new MemoryEventStore(), readStore: new MemoryReadStore() };

  beforeAll(async () => {
    app = buildApp(stores);
    const response = await app.inject({ url: '/openapi.json' });
    document = JSON.parse(response.body) as Document;
  });
  afterAll(() => app.close());

  it('is OpenAPI 3.1 JSON listing every route the app serves', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(EXPECTED_PATHS));
    expect(Object.keys(document.paths)).toHaveLength(apiRoutes(stores).length);
  });

  it('describes every parameter with a JSON Schema object, path parameters required', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      const get = operations.get ?? operations.post!;
      for (const parameter of get.parameters) {
        expect(typeof parameter.schema).toBe('object');
        expect(parameter.schema['type'] ?? parameter.schema['anyOf']).toBeDefined();
        if (parameter.in === 'path') expect(path).toContain(`{${parameter.name}}`);
        if (parameter.in === 'path') expect(parameter.required).toBe(true);
      }
      expect(get.responses['200']).toBeDefined();
      expect(get.responses['400']).toBeDefined();
    }
  });

  it('documents the /tasks filters exactly as they are validated', () => {
    const parameters = document.paths['/tasks']!.get.parameters;
    expect(parameters.map((p) => p.name)).toEqual([
      'status',
      'backlogStatus',
      'priority',
      'humanRequired',
      'sort',
      'limit',
      'cursor',
      'asOf',
    ]);
    expect(parameters.find((p) => p.name === 'limit')!.schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 500,
      default: 50,
    });
    expect(parameters.find((p) => p.name === 'status')!.schema).toMatchObject({
      enum: ['pending', 'running', 'retrying', 'completed', 'failed', 'skipped'],
    });
  });

  it('routes documented with a path parameter answer 404 for unknown tasks and document it', () => {
    expect(document.paths['/tasks/{id}']!.get.responses['404']).toBeDefined();
    expect(document.components.schemas['Error']).toMatchObject({ type: 'object' });
  });
});
