import { serveLedgerOverSqlite } from '../test/served-ledger';
import { Sample, sampleValue, scrape } from '@taskledger/projection-runtime/testing';

const REQUESTS = 'taskledger_http_requests_total';

describe('GET /prometheus on the query API over real HTTP and SQLite', () => {
  let base: string;
  let close: () => Promise<void>;
  const token = 'metrics-token';
  const authorised = { headers: { authorization: `Bearer ${token}` } };
  const metrics = () => scrape(`${base}/prometheus`, authorised);
  const count = (samples: Sample[], route: string, status: string) =>
    sampleValue(samples, REQUESTS, { method: 'GET', route, status });

  beforeAll(async () => {
    ({ base, close } = await serveLedgerOverSqlite(token));
  });
  afterAll(() => close());

  it('counts requests by route pattern and status, and times them', async () => {
    const before = await metrics();
    for (const id of ['B-1', 'B-2', 'NOPE-1']) await fetch(`${base}/tasks/${id}`, authorised);
    await fetch(`${base}/status`);
    const after = await metrics();

    expect(count(after, '/tasks/:id', '200') - count(before, '/tasks/:id', '200')).toBe(2);
    expect(count(after, '/tasks/:id', '404') - count(before, '/tasks/:id', '404')).toBe(1);
    expect(count(after, '/status', '401') - count(before, '/status', '401')).toBe(1);
    const timed = { method: 'GET', route: '/tasks/:id', status: '200' };
    expect(sampleValue(after, 'taskledger_http_request_duration_seconds_count', timed)).toBe(2);
    expect(sampleValue(after, 'taskledger_http_request_duration_seconds_sum', timed)).toBeGreaterThan(0);
  });

  it('labels no series with a raw URL: unknown paths count as one "unmatched" route', async () => {
    for (const path of ['/nowhere/1', '/nowhere/2?x=y', '/tasks/B-1?verbose=1'])
      await fetch(`${base}${path}`, authorised);
    const routes = new Set(
      (await metrics()).filter((sample) => sample.name === REQUESTS).map((sample) => sample.labels['route']),
    );
    expect([...routes].filter((route) => route?.includes('nowhere') || route?.includes('B-1'))).toEqual([]);
    expect(routes).toContain('unmatched');
  });

  it('reports the ledger position it serves', async () => {
    expect(sampleValue(await metrics(), 'taskledger_api_ledger_position')).toBe(16);
  });

  it('follows the bearer-token rule: 401 without the token', async () => {
    const response = await fetch(`${base}/prometheus`);
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('taskledger_');
  });
});
