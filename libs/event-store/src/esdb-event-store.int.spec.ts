import { randomUUID } from 'node:crypto';
import { caughtError, ContractFactory, describeEventStoreContract, someEvents } from './event-store.contract';
import { EsdbEventStore } from './esdb-event-store';

import { envelopes, registered } from '@taskledger/events/testing';

const url = process.env.ESDB_URL;

/** Every test uses streams under a random run prefix, so a shared (long-lived) server is fine. */
const factory =
  (connectionString: string): ContractFactory =>
  async () => {
    const store = new EsdbEventStore(connectionString);
    return {
      store,
      openSecondClient: async () => new EsdbEventStore(connectionString),
      cleanup: () => store.close(),
    };
  };

if (!url) {
  console.warn(
    'esdb contract suite skipped: ESDB_URL is not set (start EventStoreDB with docker compose up eventstore and set ESDB_URL=esdb://localhost:2113?tls=false)',
  );
}

(url ? describe : describe.skip)('EventStoreDB adapter', () => describeEventStoreContract('esdb', factory(url ?? '')));

const withOption = (connectionString: string, option: string): string =>
  `${connectionString}${connectionString.includes('?') ? '&' : '?'}${option}`;

(url ? describe : describe.skip)('EventStoreDB adapter on a client that does not throw on append failure', () => {
  it("reports the stream's real revision in a ConcurrencyConflict error", async () => {
    const store = new EsdbEventStore(withOption(url ?? '', 'throwOnAppendFailure=false'));
    const stream = `c${randomUUID().replace(/-/g, '')}-s1`;
    try {
      await store.append(stream, someEvents('B-5', 5), { expectedRevision: 'no_stream' });
      const error = await caughtError(store.append(stream, someEvents('B-5', 1), { expectedRevision: 1 }));
      expect(error).toMatchObject({ code: 'ConcurrencyConflict' });
      expect(error).toMatchObject({ details: { streamName: stream, expected: 1, actual: 4 } });
      const missing = await caughtError(store.append(`${stream}x`, someEvents('B-5', 1), { expectedRevision: 2 }));
      expect(missing).toMatchObject({ details: { expected: 2, actual: 'no_stream' } });
    } finally {
      await store.close();
    }
  });
});

(url ? describe : describe.skip)("EventStoreDB adapter and the server's MaxAppendSize (default 1 MiB)", () => {
  const oversized = () => envelopes([registered('B-6', { description: 'x'.repeat(1536 * 1024) })]);

  it("maps the server's refusal of an oversized append to an input error naming the limit", async () => {
    const store = new EsdbEventStore(url ?? '', { maxAppendSize: Infinity });
    try {
      const error = await caughtError(
        store.append(`c${randomUUID().replace(/-/g, '')}-s1`, oversized(), { expectedRevision: 'any' }),
      );
      expect(error).toMatchObject({ code: 'InvalidArgument', message: expect.stringMatching(/MaxAppendSize/) });
    } finally {
      await store.close();
    }
  });

  it('refuses an oversized append before sending it, writing nothing', async () => {
    const store = new EsdbEventStore(url ?? '');
    const stream = `c${randomUUID().replace(/-/g, '')}-s1`;
    try {
      const error = await caughtError(store.append(stream, oversized(), { expectedRevision: 'any' }));
      expect(error).toMatchObject({ code: 'InvalidArgument', message: expect.stringMatching(/bytes, which exceeds/) });
      expect(await store.streamRevision(stream)).toBe('no_stream');
    } finally {
      await store.close();
    }
  });
});

describe('EventStoreDB adapter without a server', () => {
  it('refuses a malformed connection string without echoing it (it may hold a password)', () => {
    expect(() => new EsdbEventStore('esdb://admin:hunter2@')).toThrow(/connection string is not valid/);
    expect(() => new EsdbEventStore('esdb://admin:hunter2@')).not.toThrow(/hunter2/);
  });

  it('reports an unreachable server as StoreUnavailable', async () => {
    const store = new EsdbEventStore('esdb://127.0.0.1:1?tls=false');
    try {
      await expect(store.headPosition()).rejects.toMatchObject({ code: 'StoreUnavailable' });
    } finally {
      await store.close();
    }
  });
});
