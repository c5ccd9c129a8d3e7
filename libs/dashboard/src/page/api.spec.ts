import { apiUrl, createApi, TOKEN_KEY } from './api';

const storage = () => {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
};

describe('the page data layer', () => {
  it('builds same-origin calls and carries asOf from the page URL onto every one', () => {
    expect(apiUrl('/tasks', { status: 'failed', cursor: null, q: '' }, 'http://h:3000/#/tasks')).toBe(
      '/tasks?status=failed',
    );
    expect(apiUrl('/status', {}, 'http://h:3000/?asOf=2026-01-05T09%3A30%3A00Z#/')).toBe(
      '/status?asOf=2026-01-05T09%3A30%3A00Z',
    );
  });

  it('asks for the token once for calls that meet a 401 together, keeps it, and sends it from then on', async () => {
    const seen: string[] = [];
    const fetch = (async (_url: string, init: { headers: Record<string, string> }) => {
      const authorization = init.headers['authorization'] ?? 'none';
      seen.push(authorization);
      return authorization === 'Bearer right'
        ? new Response('{"ok":true}', { status: 200 })
        : new Response('{"error":"Unauthorized","reason":"a valid bearer token is required"}', { status: 401 });
    }) as unknown as typeof globalThis.fetch;
    const store = storage();
    const asked: boolean[] = [];
    const api = createApi({
      fetch,
      storage: store,
      pageUrl: () => 'http://h/',
      askToken: async (rejected) => {
        asked.push(rejected);
        return asked.length === 1 ? 'wrong' : 'right';
      },
    });
    await expect(Promise.all([api.get('/status'), api.get('/errors')])).resolves.toEqual([{ ok: true }, { ok: true }]);
    expect(asked).toEqual([false, true]);
    expect(store.getItem(TOKEN_KEY)).toBe('right');
    expect(seen.filter((header) => header === 'none')).toHaveLength(2);
  });

  it('tells who listens the position and time of each as-of answer', async () => {
    const fetch = (async () =>
      new Response('{"asOf":{"position":"12","time":"2026-12-07T22:28:56.000Z"},"totalTasks":3}', {
        status: 200,
      })) as unknown as typeof globalThis.fetch;
    const shown: unknown[] = [];
    const api = createApi({
      fetch,
      storage: storage(),
      pageUrl: () => 'http://h/?asOf=position%3A12',
      askToken: async () => 'x',
      onAsOf: (asOf) => shown.push(asOf),
    });
    await expect(api.get('/status')).resolves.toMatchObject({ totalTasks: 3 });
    expect(shown).toEqual([{ position: '12', time: '2026-12-07T22:28:56.000Z' }]);
  });

  it('turns an error answer into an ApiError with the reason', async () => {
    const fetch = (async () =>
      new Response('{"error":"NotFound","reason":"no task EX-9"}', {
        status: 404,
      })) as unknown as typeof globalThis.fetch;
    const api = createApi({ fetch, storage: storage(), pageUrl: () => 'http://h/', askToken: async () => 'x' });
    await expect(api.get('/tasks/EX-9')).rejects.toMatchObject({ status: 404, reason: 'no task EX-9' });
  });

  it('keeps the parameter a 400 names, so the page can tell a refused as-of moment from other failures', async () => {
    const fetch = (async () =>
      new Response('{"error":"BadRequest","field":"asOf","reason":"expected an ISO-8601 time"}', {
        status: 400,
      })) as unknown as typeof globalThis.fetch;
    const api = createApi({ fetch, storage: storage(), pageUrl: () => 'http://h/?asOf=x', askToken: async () => 'x' });
    await expect(api.get('/status')).rejects.toMatchObject({ status: 400, field: 'asOf' });
  });
});
