// Child process for the multi-process test: appends `count` events to one shared stream with
// optimistic concurrency (read revision, append at it, retry on conflict), then reports JSON.
// It says "ready" and waits for `<path>.go` so that all workers start racing together, and
// pauses between reading the revision and appending so that races are really lost.
import { isTaskledgerError } from '@taskledger/errors';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { completed, envelopes, testContext } from '@taskledger/events/testing';
import { SqliteEventStore } from '../src/sqlite-event-store';

const [path, stream, countText, worker] = process.argv.slice(2);

const main = async () => {
  const store = new SqliteEventStore(path!, { busyTimeoutMs: 10_000 });
  process.stderr.write('ready\n');
  while (!existsSync(`${path}.go`)) await sleep(5);
  let conflicts = 0;
  for (let appended = 0; appended < Number(countText);) {
    const revision = await store.streamRevision(stream!);
    await sleep(1);
    const events = envelopes([completed(`W-${worker}`, { attempt: appended + 1 })], testContext({ newId: randomUUID }));
    try {
      await store.append(stream!, events, { expectedRevision: revision });
      appended += 1;
    } catch (error) {
      if (!isTaskledgerError(error, 'ConcurrencyConflict')) throw error;
      conflicts += 1;
    }
  }
  await store.close();
  process.stdout.write(JSON.stringify({ worker, conflicts }));
};

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
