import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registered } from '@taskledger/events/testing';
import { toProjected } from '@taskledger/projections/testing';
import { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { buildLedger, Ledger } from '../test/ledger-fixture';

const token = 'page-token';
const bearer = { authorization: `Bearer ${token}` };

/** Reads server-sent events from a streaming response until `count` events have arrived. */
const readEvents = async (response: Response, count: number): Promise<{ id: string; event: string }[]> => {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: { id: string; event: string }[] = [];
  let text = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    const blocks = text.split('\n\n');
    text = blocks.pop() ?? '';
    for (const block of blocks) {
      const id = /^id: (.*)$/m.exec(block)?.[1];
      const event = /^event: (.*)$/m.exec(block)?.[1];
      if (id !== undefined && event !== undefined) events.push({ id, event });
    }
  }
  await reader.cancel();
  return events;
};

describe('the dashboard page and its live stream, over real HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-page-'));
  let ledger: Ledger;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>taskledger</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log("page")');
    ledger = await buildLedger();
    app = buildApp({ ...ledger, token, dashboard: dir, stream: { pollMs: 20 } });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page and its assets without the token, while data calls still need it', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<title>taskledger</title>');
    expect((await fetch(`${base}/app.js`)).status).toBe(200);
    expect((await fetch(`${base}/status`)).status).toBe(401);
    expect((await fetch(`${base}/events/stream`)).status).toBe(401);
    expect((await fetch(`${base}/missing.js`)).status).toBe(401);
  });

  it('documents the stream and the daily route in /openapi.json, and none of the page files', async () => {
    const document = (await (await fetch(`${base}/openapi.json`, { headers: bearer })).json()) as {
      paths: Record<string, { get: { responses: Record<string, { content: object }> } }>;
    };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/events/stream', '/performance/daily']));
    expect(Object.keys(document.paths)).not.toContain('/');
    expect(Object.keys(document.paths)).not.toContain('/app.js');
    expect(Object.keys(document.paths['/events/stream']!.get.responses['200']!.content)).toEqual(['text/event-stream']);
  });

  it('answers /performance/daily with the day of the scenario', async () => {
    const body = await (await fetch(`${base}/performance/daily`, { headers: bearer })).json();
    expect(body).toMatchObject({ days: [{ day: '2026-01-05', executions: 3, successes: 2, failures: 1 }] });
  });

  it('streams the position at once, then each new one; a reconnect with Last-Event-ID hears only what is newer', async () => {
    const first = await fetch(`${base}/events/stream`, { headers: bearer });
    expect(first.headers.get('content-type')).toContain('text/event-stream');
    expect(first.headers.get('x-ledger-position')).toBe('16');
    const [current] = await readEvents(first, 1);
    expect(current).toEqual({ id: '16', event: 'position' });

    const resumed = await fetch(`${base}/events/stream`, { headers: { ...bearer, 'last-event-id': '16' } });
    const next = readEvents(resumed, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await buildLedger(toProjected([registered('B-9')], { firstId: 100 }), ledger);
    expect(await next).toEqual([{ id: '17', event: 'position' }]);
  });

  it('closes open streams when the app closes', async () => {
    const other = buildApp({ ...ledger, stream: { pollMs: 20 } });
    const address = await other.listen({ host: '127.0.0.1', port: 0 });
    const reader = (await fetch(`${address}/events/stream`)).body!.getReader();
    await reader.read();
    await other.close();
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});
