import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteEventStore } from '@taskledger/event-store';
import { ProjectionRuntime } from '@taskledger/projection-runtime';
import { readModels } from '@taskledger/projections';
import { SqliteReadStore } from '@taskledger/read-store';

/** A process catching every read model up on one thread, in small commits, once `<ledger file>.go` exists: `one-thread-catch-up.ts <ledger file>`. */
const main = async (path: string) => {
  const eventStore = new SqliteEventStore(path);
  const readStore = new SqliteReadStore(path);
  process.stderr.write('ready\n');
  while (!existsSync(`${path}.go`)) await sleep(5);
  const progress = await new ProjectionRuntime({
    eventStore,
    readStore,
    projections: readModels,
    batchSize: 7,
  }).catchUp();
  process.stdout.write(JSON.stringify(progress));
  await readStore.close();
  await eventStore.close();
};

main(process.argv[2] ?? '').catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
