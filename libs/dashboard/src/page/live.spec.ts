import { createApi } from './api';
import { followPositions, LiveState } from './live';

const stream = (text: string) =>
  new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    }),
    { status: 200, headers: { 'content-type': 'text/event-stream' } },
  );

describe('following the read models live', () => {
  it('reports each position, and after a dropped connection resumes with Last-Event-ID', async () => {
    const requests: Array<Record<string, string>> = [];
    const answers = [
      'retry: 5\n\nid: 16\nevent: position\ndata: {"position":"16"}\n\n',
      'id: 17\nevent: position\ndata: {"position":"17"}\n\n',
    ];
    const fetch = (async (_url: string, init: { headers: Record<string, string> }) => {
      requests.push(init.headers);
      return stream(answers.shift() ?? '');
    }) as unknown as typeof globalThis.fetch;
    const storage = new Map([['taskledger.token', 't0ken']]);
    const api = createApi({
      fetch,
      storage: { getItem: (key) => storage.get(key) ?? null, setItem: () => undefined },
      pageUrl: () => 'http://h/',
      askToken: async () => 't0ken',
    });
    const positions: string[] = [];
    const states: LiveState[] = [];
    const live = followPositions({
      api,
      fetch,
      onPosition: (position) => positions.push(position),
      onState: (state) => states.push(state),
      retryMs: 5000,
    });
    for (let tries = 0; tries < 100 && positions.length < 2; tries += 1) await new Promise((r) => setTimeout(r, 10));
    live.stop();
    expect(positions).toEqual(['16', '17']);
    expect(requests[0]).toEqual({ authorization: 'Bearer t0ken' });
    expect(requests[1]).toEqual({ authorization: 'Bearer t0ken', 'last-event-id': '16' });
    expect(states.slice(0, 3)).toEqual(['connecting', 'live', 'reconnecting']);
  });
});
