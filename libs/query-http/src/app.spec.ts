import { FastifyInstance } from 'fastify';
import { buildLedger } from '../test/ledger-fixture';
import { buildApp } from './app';

describe('query API (inject)', () => {
  let app: FastifyInstance;
  const get = (url: string) => app.inject({ method: 'GET', url });
  const json = async (url: string) => (await get(url)).json();

  beforeAll(async () => {
    app = buildApp(await buildLedger());
    await app.ready();
  });
  afterAll(() => app.close());

  it('GET /health answers ok', async () => {
    expect(await json('/health')).toEqual({ status: 'ok' });
  });

  it('GET /status gives counts, recent executions, success rate and lag', async () => {
    expect(await json('/status')).toMatchObject({
      totalTasks: 5,
      pendingTasks: 1,
      byStatus: { completed: 2, failed: 1, running: 1 },
      successRate: 0.6667,
      lag: 0,
    });
  });

  it('every response carries X-Ledger-Position, errors included', async () => {
    for (const url of ['/health', '/status', '/tasks/B-404', '/tasks?limit=0', '/nowhere']) {
      expect((await get(url)).headers['x-ledger-position']).toBe('16');
    }
  });

  describe('GET /tasks', () => {
    it('filters by status, backlogStatus, priority and humanRequired', async () => {
      expect((await json('/tasks?status=completed')).items.map((t: { id: string }) => t.id)).toEqual(['B-1', 'B-2']);
      expect((await json('/tasks?priority=medium&backlogStatus=todo')).items.map((t: { id: string }) => t.id)).toEqual([
        'B-2',
        'B-5',
      ]);
      expect((await json('/tasks?humanRequired=true')).items.map((t: { id: string }) => t.id)).toEqual(['B-4']);
    });

    it('sorts and pages with the opaque cursor until nextCursor is null', async () => {
      const ids: string[] = [];
      let url = '/tasks?sort=-updatedAt&limit=2';
      for (;;) {
        const page = await json(url);
        ids.push(...page.items.map((t: { id: string }) => t.id));
        if (page.nextCursor === null) break;
        url = `/tasks?sort=-updatedAt&limit=2&cursor=${encodeURIComponent(page.nextCursor)}`;
      }
      expect(ids).toEqual(['B-5', 'B-3', 'B-2', 'B-1', 'B-4']);
    });

    it.each([
      ['/tasks?limit=0', 'limit'],
      ['/tasks?limit=501', 'limit'],
      ['/tasks?limit=ten', 'limit'],
      ['/tasks?status=done', 'status'],
      ['/tasks?humanRequired=yes', 'humanRequired'],
      ['/tasks?sort=title', 'sort'],
      ['/tasks?colour=red', 'colour'],
      ['/tasks?cursor=not-a-cursor', 'cursor'],
    ])('given %s, answers 400 naming the field %s', async (url, field) => {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'BadRequest', field });
      expect(response.json().reason).toEqual(expect.any(String));
    });

    it('given a cursor from another sort, answers 400 on the cursor', async () => {
      const { nextCursor } = await json('/tasks?limit=1');
      const response = await get(`/tasks?sort=status&cursor=${nextCursor}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ field: 'cursor' });
    });
  });

  describe('GET /tasks/:id and its history', () => {
    it('returns the task, or 404 for an unknown one, or 400 for an id with whitespace', async () => {
      expect(await json('/tasks/B-2')).toMatchObject({
        id: 'B-2',
        status: 'completed',
        totalRetries: 1,
        dependencies: ['B-1'],
      });
      expect((await get('/tasks/B-404')).statusCode).toBe(404);
      expect((await get('/tasks/B-404')).json()).toEqual({ error: 'NotFound', reason: 'task B-404 not found' });
      expect((await get('/tasks/B%201')).json()).toMatchObject({ error: 'BadRequest', field: 'id' });
    });

    it('pages the audit trail by revision with nextFrom', async () => {
      const first = await json('/tasks/B-2/history?limit=4');
      expect(first.events.map((e: { revision: number }) => e.revision)).toEqual([0, 1, 2, 3]);
      expect(first.nextFrom).toBe(4);
      expect(first.events[2]).toMatchObject({
        type: 'TaskAttemptFailed',
        position: '9',
        metadata: { actor: 'test', correlationId: 'test-run' },
      });
      const rest = await json(`/tasks/B-2/history?from=${first.nextFrom}&limit=4`);
      expect(rest).toMatchObject({ task: 'B-2', nextFrom: null });
      expect(rest.events.map((e: { type: string }) => e.type)).toEqual([
        'TaskExecutionStarted',
        'TaskExecutionCompleted',
      ]);
      expect((await get('/tasks/B-404/history')).statusCode).toBe(404);
      expect((await get('/tasks/B-2/history?from=-1')).json()).toMatchObject({ field: 'from' });
    });
  });

  describe('reports', () => {
    it('GET /metrics pages task rows; /metrics/:id gives one task or 404', async () => {
      const page = await json('/metrics?limit=2');
      expect(page.overall).toMatchObject({ executions: 3, totalRetries: 1 });
      expect(page.tasks.map((r: { taskId: string }) => r.taskId)).toEqual(['B-1', 'B-2']);
      expect(
        (await json(`/metrics?limit=2&cursor=${page.nextCursor}`)).tasks.map((r: { taskId: string }) => r.taskId),
      ).toEqual(['B-3']);
      expect(await json('/metrics/B-1')).toMatchObject({ taskId: 'B-1', avgDurationMs: 400_000 });
      expect((await get('/metrics/B-404')).statusCode).toBe(404);
    });

    it('GET /errors has every section', async () => {
      const report = await json('/errors?top=5');
      expect(report).toMatchObject({ totalErrors: 2, retryPatterns: { retriedExecutions: 1, succeededAfterRetry: 1 } });
      expect(Object.keys(report)).toEqual(
        expect.arrayContaining(['byCategory', 'bySeverity', 'recovery', 'temporal', 'topFingerprints']),
      );
      expect((await get('/errors?top=0')).statusCode).toBe(400);
    });

    it('GET /projections lists every read model, live with no lag', async () => {
      const { projections } = await json('/projections');
      expect(
        projections.map((p: { name: string; lag: number; position: string }) => [p.name, p.lag, p.position]),
      ).toEqual(
        expect.arrayContaining([
          ['task_executions', 0, '16'],
          ['execution_history', 0, '16'],
          ['performance_metrics', 0, '16'],
          ['error_statistics', 0, '16'],
        ]),
      );
    });
  });

  describe('analytics', () => {
    it('slow and high-retry tasks use the default thresholds, configurable per request', async () => {
      expect(await json('/analytics/slow')).toMatchObject({ thresholdMs: 300_000, tasks: [{ taskId: 'B-1' }] });
      expect((await json('/analytics/slow?thresholdSeconds=500')).tasks).toEqual([]);
      expect((await json('/analytics/high-retry')).tasks).toEqual([]);
      expect((await json('/analytics/high-retry?threshold=0')).tasks).toMatchObject([
        { taskId: 'B-2', totalRetries: 1 },
      ]);
    });

    it('predictions, correlations, anomalies and estimates answer with their documented shapes', async () => {
      const predictions = await json('/analytics/predictions?priorAlpha=2&priorBeta=2');
      expect(predictions.items[0]).toMatchObject({
        taskId: 'B-1',
        posterior: { priorAlpha: 2, alpha: 3, beta: 2 },
        seedRule: { predictedSuccess: true },
      });
      expect((await json('/analytics/predictions?taskId=B-3')).items).toMatchObject([{ taskId: 'B-3', failures: 1 }]);
      expect((await json('/analytics/correlations')).correlations).toHaveLength(3);
      expect(await json('/analytics/anomalies')).toMatchObject({ durations: [], failureSpikes: [] });
      expect((await json('/analytics/estimate')).eta).toMatchObject({ pendingTasks: 3 });
      expect(await json('/analytics/estimate?taskId=B-1')).toMatchObject({ taskId: 'B-1', samples: 1 });
      expect((await get('/analytics/estimate?taskId=B-404')).statusCode).toBe(404);
      expect((await get('/analytics/predictions?taskId=B-404')).statusCode).toBe(404);
      expect((await get('/analytics/predictions?minSuccessRate=2')).json()).toMatchObject({ field: 'minSuccessRate' });
    });
  });

  it('answers 404 with a JSON body for an unknown route', async () => {
    const response = await get('/nowhere');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'NotFound', reason: 'no route GET /nowhere' });
  });
});
