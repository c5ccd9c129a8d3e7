import { Writable } from 'node:stream';
import { MemoryEventStore } from '@taskledger/event-store';
import { MemoryReadStore } from '@taskledger/read-store';
import { buildApp } from './app';

/** A read store whose collections fail like a broken disk would. */
class BrokenReadStore extends MemoryReadStore {
  override async find(): Promise<never> {
    throw new Error('disk on fire');
  }
}

describe('error handling', () => {
  it('given an unexpected failure, answers 500 without details and logs it once', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const app = buildApp({
      eventStore: new MemoryEventStore(),
      readStore: new BrokenReadStore(),
      logger: { level: 'info', stream },
    });
    const response = await app.inject({ url: '/tasks' });
    await app.close();
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'InternalServerError', reason: 'the request failed; see the server log' });
    expect(lines.filter((line) => line.includes('disk on fire'))).toHaveLength(1);
  });

  it('given bad input, never answers 500', async () => {
    const app = buildApp({ eventStore: new MemoryEventStore(), readStore: new MemoryReadStore() });
    const urls = [
      '/tasks?limit=1&limit=2',
      '/tasks?cursor=',
      '/tasks/%E0%A4%A',
      '/tasks/x/history?limit=1e9',
      '/analytics/slow?thresholdSeconds=-1',
      '/metrics?cursor=eyJ9',
    ];
    for (const url of urls) expect((await app.inject({ url })).statusCode).toBeLessThan(500);
    await app.close();
  });
});
