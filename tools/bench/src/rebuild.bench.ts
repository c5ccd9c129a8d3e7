import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@taskledger/event-store';
import { ProjectionRuntime } from '@taskledger/projection-runtime';
import { readModels } from '@taskledger/projections';
import { SqliteReadStore } from '@taskledger/read-store';
import { Benchmark, ratioOf, round } from './bench-result';
import { generateLedgerEvents } from './ledger-fixture';
import { FIXTURE_FORMAT, FIXTURES_DIR, scratchDir } from './scratch';

const TASKS = 10_000;
const EVENTS = 1_000_000;
/** The events-only ledger, generated once into bench-results/fixtures and copied for each run. */
const eventsFixture = async (): Promise<string> => {
  const path = join(FIXTURES_DIR, `events-v${FIXTURE_FORMAT}-${TASKS}-${EVENTS}.db`);
  if (existsSync(path)) return path;
  mkdirSync(FIXTURES_DIR, { recursive: true });
  process.stderr.write(`generating ${EVENTS.toLocaleString('en-US')} events for ${TASKS.toLocaleString('en-US')} tasks (once) ...\n`);
  await generateLedgerEvents(`${path}.building`, { tasks: TASKS, events: EVENTS });
  renameSync(`${path}.building`, path);
  return path;
};

/** Writes the copy's pages out first, so writing them back does not slow the measured run. */
const flushToDisk = (path: string): void => {
  const descriptor = openSync(path, 'r+');
  fsyncSync(descriptor);
  closeSync(descriptor);
};

/** The floor: the same rows read with plain better-sqlite3, both JSON columns parsed, folded by a no-op. */
const rawFloor = (path: string): number => {
  const db = new Database(path, { readonly: true });
  const started = performance.now();
  let folded = 0;
  for (const row of db.prepare('SELECT position, stream, revision, id, type, data, metadata FROM events ORDER BY position').iterate()) {
    const { data, metadata } = row as { data: string; metadata: string };
    if (JSON.parse(data) && JSON.parse(metadata)) folded += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return folded / seconds;
};

export const rebuildSqlite: Benchmark = {
  name: 'rebuild-sqlite',
  description: `rebuild every read model from ${EVENTS.toLocaleString('en-US')} events in SQLite vs a raw read+parse floor (targets: ratio >= 0.3, >= 150,000 ev/s, RSS < 1 GB)`,
  async run() {
    const fixture = await eventsFixture();
    const dir = scratchDir();
    try {
      const path = dir.file('ledger.db');
      copyFileSync(fixture, path);
      flushToDisk(path);
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
        params: { events: progress.processed, tasks: TASKS, readModels: readModels.map((projection) => projection.name), batchSize: 'runtime default' },
      };
    } finally {
      dir.remove();
    }
  },
};
