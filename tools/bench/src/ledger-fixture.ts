import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { taskStream } from '@taskledger/events';
import { CheckpointingEventStore, SqliteEventStore } from '@taskledger/event-store';
import { SqliteReadStore } from '@taskledger/read-store';
import { ProjectionRuntime } from '@taskledger/projection-runtime';
import { readModels } from '@taskledger/projections';
import { seeded, taskHistory, toEnvelope } from '@taskledger/events/generators';
import { FIXTURE_FORMAT, FIXTURES_DIR } from './scratch';

export interface LedgerFixtureOptions {
  tasks: number;
  events: number;
  seed?: number;
}

const CHUNK = 10;

/**
 * Writes `events` events for `tasks` tasks (realistic lifecycles: starts, progress, lease
 * renewals, failures, recoveries, retries, completions) into a SQLite ledger. Tasks advance in
 * rounds of 10 events each, so histories interleave in the global order as they would live.
 */
export const generateLedgerEvents = async (path: string, options: LedgerFixtureOptions): Promise<void> => {
  const random = seeded(options.seed ?? 7);
  const perTask = Math.floor(options.events / options.tasks);
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  const histories = Array.from({ length: options.tasks }, (_, index) =>
    taskHistory(random, index, perTask + (index < options.events % options.tasks ? 1 : 0), start + index * 1000),
  );
  const store = new CheckpointingEventStore(new SqliteEventStore(path));
  try {
    const correlationId = randomUUID();
    for (let offset = 0; histories.some((history) => offset < history.length); offset += CHUNK) {
      for (const [index, history] of histories.entries()) {
        const chunk = history.slice(offset, offset + CHUNK);
        if (chunk.length === 0) continue;
        await store.append(
          taskStream(`B-${index + 1}`),
          chunk.map((timed) => toEnvelope(timed, correlationId)),
          {
            expectedRevision: offset === 0 ? 'no_stream' : offset - 1,
          },
        );
      }
    }
  } finally {
    await store.close();
  }
};

/** A ledger with its read models caught up, in one SQLite file; built once and reused (written atomically). */
export const buildLedgerFixture = async (path: string, options: LedgerFixtureOptions): Promise<void> => {
  if (existsSync(path)) return;
  const building = `${path}.building`;
  rmSync(building, { force: true });
  await generateLedgerEvents(building, options);
  const eventStore = new SqliteEventStore(building);
  const readStore = new SqliteReadStore(building);
  try {
    await new ProjectionRuntime({ eventStore, readStore, projections: readModels, batchSize: 2000 }).catchUp();
  } finally {
    await readStore.close();
    await eventStore.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  renameSync(building, path);
};

/** The events-only ledger the rebuild benchmarks read. */
export const REBUILD_LEDGER = { tasks: 10_000, events: 1_000_000 } as const;

const eventsFixture = (): string =>
  join(FIXTURES_DIR, `events-v${FIXTURE_FORMAT}-${REBUILD_LEDGER.tasks}-${REBUILD_LEDGER.events}.db`);

/** Generates the rebuild ledger into bench-results/fixtures, unless it is there already. */
export const makeEventsFixture = async (): Promise<void> => {
  const { tasks, events } = REBUILD_LEDGER;
  const fixture = eventsFixture();
  if (existsSync(fixture)) return;
  mkdirSync(FIXTURES_DIR, { recursive: true });
  process.stderr.write(
    `generating ${events.toLocaleString('en-US')} events for ${tasks.toLocaleString('en-US')} tasks (once) ...\n`,
  );
  await generateLedgerEvents(`${fixture}.building`, { tasks, events });
  renameSync(`${fixture}.building`, fixture);
};

/**
 * Copies the rebuild ledger (generated once into bench-results/fixtures, by another process so
 * that the memory generating takes is not counted in the benchmark's peak RSS) to `path`, and
 * writes the copy's pages out, so writing them back does not slow the measured run. Returns `path`.
 */
export const copyEventsFixture = async (path: string): Promise<string> => {
  const fixture = eventsFixture();
  if (!existsSync(fixture)) {
    const made = spawnSync(process.execPath, [join(__dirname, 'main.js'), '--make-fixture'], { stdio: 'inherit' });
    if (made.status !== 0) throw new Error(`could not generate ${fixture}`);
  }
  copyFileSync(fixture, path);
  const descriptor = openSync(path, 'r+');
  fsyncSync(descriptor);
  closeSync(descriptor);
  return path;
};
