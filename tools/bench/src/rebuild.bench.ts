import Database from 'better-sqlite3';
import { SqliteEventStore } from '@taskledger/event-store';
import { ProjectionRuntime } from '@taskledger/projection-runtime';
import { readModels } from '@taskledger/projections';
import { SqliteReadStore } from '@taskledger/read-store';
import { Benchmark, ratioOf, round } from './bench-result';
import { copyEventsFixture, REBUILD_LEDGER } from './ledger-fixture';
import { scratchDir } from './scratch';

/** The floor: the same rows read with plain better-sqlite3, both JSON columns parsed, folded by a no-op. */
export const rawFloor = (path: string): number => {
  const db = new Database(path, { readonly: true });
  const started = performance.now();
  let folded = 0;
  for (const row of db
    .prepare('SELECT position, stream, revision, id, type, data, metadata FROM events ORDER BY position')
    .iterate()) {
    const { data, metadata } = row as { data: string; metadata: string };
    if (JSON.parse(data) && JSON.parse(metadata)) folded += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return folded / seconds;
};

export const rebuildSqlite: Benchmark = {
  name: 'rebuild-sqlite',
  description: `rebuild every read model from ${REBUILD_LEDGER.events.toLocaleString('en-US')} events in SQLite vs a raw read+parse floor (targets: ratio >= 0.3, >= 150,000 ev/s, RSS < 1 GB)`,
  async run() {
    const dir = scratchDir();
    try {
      const path = await copyEventsFixture(dir.file('ledger.db'));
      const floor = rawFloor(path);
      const eventStore = new SqliteEventStore(path);
      const readStore = new SqliteReadStore(path);
      const started = performance.now();
      const progress = await new ProjectionRuntime({ eventStore, readStore, projections: readModels }).catchUp();
      const value = progress.processed / ((performance.now() - started) / 1000);
      await readStore.close();
      await eventStore.close();
      return {
        metric: 'eventsPerSecond',
        value: round(value, 0),
        baseline: round(floor, 0),
        ratio: ratioOf(value, floor),
        params: {
          events: progress.processed,
          tasks: REBUILD_LEDGER.tasks,
          readModels: readModels.map((projection) => projection.name),
          batchSize: 'runtime default',
        },
      };
    } finally {
      dir.remove();
    }
  },
};
