import { FastifyInstance } from 'fastify';
import { parseCsv } from '@taskledger/queries/testing';
import { buildLedger } from '../test/ledger-fixture';
import { buildApp } from './app';

describe('exports over HTTP', () => {
  let app: FastifyInstance;
  let twin: FastifyInstance;
  beforeAll(async () => {
    app = buildApp(await buildLedger());
    twin = buildApp(await buildLedger());
  });
  afterAll(async () => {
    await app.close();
    await twin.close();
  });

  it('serves metrics as RFC 4180 CSV that parses back to one record per task', async () => {
    const response = await app.inject({ url: '/export/metrics.csv' });
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['x-ledger-position']).toBe('16');
    const [header, ...rows] = parseCsv(response.body);
    expect(header![0]).toBe('task_id');
    expect(header![header!.length - 1]).toBe('ledger_position');
    expect(rows.map((row) => [row[0], row[1], row[row.length - 1]])).toEqual([
      ['B-1', '1', '16'],
      ['B-2', '1', '16'],
      ['B-3', '1', '16'],
    ]);
  });

  it('round-trips quoted text: the error with a comma and quotes comes back intact', async () => {
    const [, ...rows] = parseCsv((await app.inject({ url: '/export/errors.csv' })).body);
    expect(rows.map((row) => row[7])).toContain('connection refused, "retrying"');
  });

  it('serves tasks and errors as JSON carrying the ledger position', async () => {
    const tasks = (await app.inject({ url: '/export/tasks.json' })).json();
    expect(tasks.ledgerPosition).toBe('16');
    expect(tasks.tasks).toHaveLength(5);
    expect((await app.inject({ url: '/export/errors.json' })).json()).toMatchObject({
      ledgerPosition: '16',
      totalErrors: 2,
    });
  });

  it('gives byte-identical exports for the same read models', async () => {
    for (const url of ['/export/tasks.json', '/export/metrics.csv', '/export/errors.json', '/export/tasks.csv']) {
      expect((await app.inject({ url })).body).toBe((await twin.inject({ url })).body);
    }
  });
});
