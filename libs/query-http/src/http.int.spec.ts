import { serveLedgerOverSqlite } from '../test/served-ledger';

type TaskPage = { items: { id: string }[]; nextCursor: string | null };

describe('query API over real HTTP and SQLite files', () => {
  let base: string;
  let close: () => Promise<void>;
  const token = 'int-test-token';
  const get = (path: string, authorised = true) =>
    fetch(`${base}${path}`, { headers: authorised ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    ({ base, close } = await serveLedgerOverSqlite(token));
  });
  afterAll(() => close());

  it('listens on the loopback address on an ephemeral port', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('GET /status over HTTP carries the position header', async () => {
    const response = await get('/status');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ledger-position')).toBe('16');
    expect(await response.json()).toMatchObject({ totalTasks: 5, pendingTasks: 1 });
  });

  it('pages /tasks through the SQLite read store', async () => {
    const first = (await (await get('/tasks?status=completed&limit=1')).json()) as {
      items: { id: string }[];
      nextCursor: string;
    };
    const second = (await (await get(`/tasks?status=completed&limit=1&cursor=${first.nextCursor}`)).json()) as {
      items: { id: string }[];
      nextCursor: null;
    };
    expect([...first.items, ...second.items].map((task) => task.id)).toEqual(['B-1', 'B-2']);
    expect(second.nextCursor).toBeNull();
  });

  it('sorts /tasks by priority rank, not alphabetically, in both directions and across cursor pages', async () => {
    const ids = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query = `/tasks?sort=${sort}&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`;
        const page: TaskPage = (await (await get(query)).json()) as TaskPage;
        seen.push(...page.items.map((task) => task.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return seen;
    };
    expect(await ids('priority')).toEqual(['B-4', 'B-1', 'B-2', 'B-5', 'B-3']);
    expect(await ids('-priority')).toEqual(['B-3', 'B-5', 'B-2', 'B-1', 'B-4']);
  });

  it('serves the audit trail from the SQLite event store', async () => {
    const history = (await (await get('/tasks/B-3/history')).json()) as { events: { type: string }[]; nextFrom: null };
    expect(history.events.map((event) => event.type)).toEqual([
      'TaskRegistered',
      'TaskExecutionStarted',
      'TaskAttemptFailed',
      'TaskExecutionFailed',
    ]);
    expect(history.nextFrom).toBeNull();
  });

  it('answers 401 without the token, 404 for an unknown task, 400 for a bad limit', async () => {
    expect((await get('/status', false)).status).toBe(401);
    expect((await get('/health', false)).status).toBe(200);
    expect((await get('/tasks/B-404')).status).toBe(404);
    expect(await (await get('/tasks?limit=9999')).json()).toMatchObject({ error: 'BadRequest', field: 'limit' });
  });

  it('serves the OpenAPI document and a CSV export', async () => {
    expect(((await (await get('/openapi.json')).json()) as { openapi: string }).openapi).toBe('3.1.0');
    const csv = await get('/export/metrics.csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).split('\r\n')).toHaveLength(5);
  });
});
