import { startQueryApi } from '../test/start-query-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TOKEN = 'ops-s3cret-token';

type LogLine = { level: number; msg: string; service?: string; [key: string]: unknown };

describe('the query-api process: JSON logs and metrics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-query-api-ops-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const start = (env: Record<string, string>) => {
    const server = startQueryApi(env);
    const lines = () =>
      server
        .output()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LogLine);
    return { ...server, lines };
  };
  const waitFor = async <T>(find: () => T | undefined): Promise<T> => {
    for (let tries = 0; tries < 100; tries += 1) {
      const found = find();
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('timed out');
  };

  it('logs JSON lines with the configuration (token redacted) and serves /metrics open on the metrics port', async () => {
    const server = start({
      TASKLEDGER_EVENT_STORE: `sqlite:${join(dir, 'ledger.db')}`,
      TASKLEDGER_API_PORT: '0',
      TASKLEDGER_API_TOKEN: TOKEN,
      TASKLEDGER_API_METRICS_PORT: '0',
      TASKLEDGER_LOG_LEVEL: 'debug',
    });
    const started = await waitFor(() => server.lines().find((line) => line.msg === 'query API started'));
    const address = /http:\/\/127\.0\.0\.1:\d+/.exec(
      server.lines().find((line) => line.msg.startsWith('Server listening'))?.msg ?? '',
    )?.[0];
    const config = started['config'] as { token: string; metrics: string; logLevel: string };
    expect(config).toMatchObject({ token: '[redacted]', logLevel: 'debug' });
    const metricsUrl = config.metrics.split(' ')[0] ?? '';

    expect((await fetch(`${address}/prometheus`)).status).toBe(401);
    expect((await fetch(`${address}/status`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const scraped = await fetch(metricsUrl);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(
      /taskledger_http_requests_total\{method="GET",route="\/status",status="200"\} 1/,
    );

    const request = await waitFor(() => server.lines().find((line) => line['route'] === '/status'));
    expect(request).toMatchObject({ level: 20, msg: 'request', status: 200, service: 'query-api' });
    expect(server.output()).not.toContain(TOKEN);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('logs no request lines at the default level, info', async () => {
    const server = start({ TASKLEDGER_EVENT_STORE: `sqlite:${join(dir, 'info.db')}`, TASKLEDGER_API_PORT: '0' });
    await waitFor(() => server.lines().find((line) => line.msg === 'query API started'));
    const address = /http:\/\/127\.0\.0\.1:\d+/.exec(server.output())?.[0];
    expect((await fetch(`${address}/status`)).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.lines().filter((line) => line.msg === 'request')).toEqual([]);
    expect(server.lines().every((line) => line.level >= 30)).toBe(true);
  });

  it('stops with exit 2 (a usage error) and a message naming a bad TASKLEDGER_LOG_LEVEL', async () => {
    const server = start({ TASKLEDGER_LOG_LEVEL: 'loud' });
    expect(await server.exited).toBe(2);
    expect(server.output()).toContain('TASKLEDGER_LOG_LEVEL="loud" is not valid');
  });
});
