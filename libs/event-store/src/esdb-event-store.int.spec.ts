import { ContractFactory, describeEventStoreContract } from './event-store.contract';
import { EsdbEventStore } from './esdb-event-store';

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
