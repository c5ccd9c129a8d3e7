import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@taskledger/event-store';
import { SqliteReadStore } from '@taskledger/read-store';
import { buildApp } from '../src/app';
import { buildLedger } from './ledger-fixture';

/** The query API over the test scenario in a real SQLite file, listening on 127.0.0.1 (any free port). */
export const serveLedgerOverSqlite = async (token: string): Promise<{ base: string; close: () => Promise<void> }> => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-api-'));
  const file = join(dir, 'ledger.db');
  const ledger = await buildLedger(undefined, {
    eventStore: new SqliteEventStore(file),
    readStore: new SqliteReadStore(file),
  });
  const app = buildApp({ ...ledger, token });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    base,
    close: async () => {
      await app.close();
      await ledger.readStore.close();
      await ledger.eventStore.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
