import { startQueryApi } from '../test/start-query-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('the query-api process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-query-api-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const start = startQueryApi;

  it('listens on the configured loopback port with the configured store, and stops on SIGTERM', async () => {
    const server = start({ TASKLEDGER_EVENT_STORE: `sqlite:${join(dir, 'ledger.db')}`, TASKLEDGER_API_PORT: '0' });
    let address: string | undefined;
    for (let tries = 0; tries < 100 && !address; tries += 1) {
      address = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())?.[1];
      if (!address) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(address).toBeDefined();
    const health = await fetch(`${address}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${address}/status`)).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('keeps retrying while its event store is unavailable instead of exiting', async () => {
    const server = start({ TASKLEDGER_EVENT_STORE: 'esdb://127.0.0.1:1?tls=false', TASKLEDGER_READ_STORE: 'memory:' });
    try {
      let exitCode: number | null | undefined;
      void server.exited.then((code) => (exitCode = code));
      const retries = () => server.output().match(/unavailable.*; retrying in \d+ ms/g) ?? [];
      for (let tries = 0; tries < 100 && retries().length < 2 && exitCode === undefined; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect({ exitCode, output: server.output() }).toEqual({ exitCode: undefined, output: expect.any(String) });
      expect(retries()).toHaveLength(2);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  });

  it('stops with exit 2 (a usage error) and a message naming a bad setting', async () => {
    const server = start({ TASKLEDGER_API_PORT: 'eighty' });
    expect(await server.exited).toBe(2);
    expect(server.output()).toContain('TASKLEDGER_API_PORT="eighty" is not valid');
  });
});
