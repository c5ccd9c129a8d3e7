import { buildApp } from './app';
import { buildLedger, scenario } from '../test/ledger-fixture';
import { serveLedgerOverSqlite } from '../test/served-ledger';

const ROUTES = [
  '/status',
  '/tasks',
  '/tasks/B-2',
  '/tasks/B-2/history',
  '/metrics',
  '/errors',
  '/analytics/predictions',
  '/export/tasks.json',
  '/export/errors.csv',
];

/** A body without what differs between any two runs (the throughput a catch-up measured). */
const comparable = (body: unknown): unknown =>
  JSON.parse(JSON.stringify(body, (key, value: unknown) => (key === 'eventsPerSecond' ? undefined : value)));

describe('?asOf= on the query API over SQLite', () => {
  let base: string;
  let close: () => Promise<void>;
  const token = 'as-of-token';
  const get = (path: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    ({ base, close } = await serveLedgerOverSqlite(token));
  });
  afterAll(() => close());

  it('answers every route as an API over only the first 7 events answers it, and says so', async () => {
    const then = buildApp(await buildLedger(scenario().slice(0, 7)));
    for (const path of ROUTES) {
      const response = await get(`${path}${path.includes('?') ? '&' : '?'}asOf=position:7`);
      const expected = await then.inject({ method: 'GET', url: path });
      expect({ path, status: response.status }).toEqual({ path, status: expected.statusCode });
      expect(response.headers.get('x-ledger-position')).toBe('7');
      const text = await response.text();
      if (path.endsWith('.csv')) {
        expect(text).toBe(expected.body);
        continue;
      }
      const { asOf, ...body } = JSON.parse(text) as Record<string, unknown>;
      expect({ path, asOf }).toEqual({ path, asOf: { position: '7', time: '2026-01-05T09:17:00.000Z' } });
      expect(comparable(body)).toEqual(comparable(JSON.parse(expected.body)));
    }
    await then.close();
  });

  it('takes a time: the events stamped up to it; a date before the first event is an empty ledger', async () => {
    const atTime = await get('/status?asOf=2026-01-05T09:17:59Z');
    expect(atTime.headers.get('x-ledger-position')).toBe('7');
    const before = await get('/status?asOf=2026-01-04');
    expect(before.status).toBe(200);
    expect(before.headers.get('x-ledger-position')).toBe('none');
    expect(await before.json()).toMatchObject({ asOf: { position: null, time: null }, totalTasks: 0 });
  });

  it('answers a moment in the future as the present', async () => {
    const future = await get('/status?asOf=2099-12-31T23:59:59%2B02:00');
    expect(future.headers.get('x-ledger-position')).toBe('16');
    expect(await future.json()).toMatchObject({ asOf: { position: '16' }, totalTasks: 5, pendingTasks: 1 });
  });

  it('refuses a malformed moment with 400 naming the accepted forms', async () => {
    for (const value of ['yesterday', '2026-02-30', 'position:', 'position:abc']) {
      const response = await get(`/status?asOf=${encodeURIComponent(value)}`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { field: string; reason: string };
      expect(body.field).toBe('asOf');
      expect(body.reason).toMatch(/ISO-8601 time.*a date.*position:<n>/);
    }
  });
});
