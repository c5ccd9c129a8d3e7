import { SqliteEventStore } from '@taskledger/event-store';
import {
  AsOfMoment,
  AsOfReadStore,
  DEFAULT_SNAPSHOT_EVERY,
  asOfPoint,
  asOfStores,
  NOT_SNAPSHOTTED,
  PrefixEventStore,
  ProjectionRuntime,
  writeDueSnapshots,
} from '@taskledger/projection-runtime';
import { readModels } from '@taskledger/projections';
import { MemoryReadStore, SqliteReadStore } from '@taskledger/read-store';
import { seeded } from '@taskledger/events/generators';
import { Benchmark, ratioOf, round } from './bench-result';
import { copyEventsFixture, REBUILD_LEDGER } from './ledger-fixture';
import { scratchDir } from './scratch';

const MOMENTS = 100;
const BASELINE_EVENTS = 100_000;
const snapshotted = readModels.filter((projection) => !NOT_SNAPSHOTTED.has(projection.name));

/**
 * What an answer as of the point costs: every read model folded (execution_history read from its
 * log), and the reads `status` and `errors` make of execution_history.
 */
const answer = async (store: AsOfReadStore): Promise<void> => {
  await store.foldAll();
  for (const projection of snapshotted) await store.count(projection.name);
  for (const status of ['completed', 'failed'])
    await store.find('execution_history', {
      filter: { status },
      sort: [{ field: 'timestamp', direction: 'desc' }],
      limit: 10,
    });
  await store.count('execution_history', { status: 'failed', attempt: { gt: 1 } });
};

const seconds = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
};

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** Random moments: half ledger positions, half the times of random events. */
const moments = async (eventStore: SqliteEventStore, events: number): Promise<AsOfMoment[]> => {
  const random = seeded(13);
  const result: AsOfMoment[] = [];
  for (let index = 0; index < MOMENTS; index += 1) {
    const position = BigInt(Math.floor(random.next() * (events + 1)));
    if (index % 2 === 0 || position === 0n) {
      result.push({ kind: 'position', position: { commit: position, prepare: position } });
      continue;
    }
    for await (const event of eventStore.readAll({
      fromPosition: { commit: position, prepare: position },
      maxCount: 1,
    }))
      result.push({ kind: 'time', time: Date.parse(event.metadata.occurredAt), text: event.metadata.occurredAt });
  }
  return result;
};

export const asOfBench: Benchmark = {
  name: 'as-of',
  description: `read models as of ${MOMENTS} random moments of a ${REBUILD_LEDGER.events.toLocaleString('en-US')}-event ledger with snapshots (targets: p50 < 1 s, max <= 2x folding ${BASELINE_EVENTS.toLocaleString('en-US')} events)`,
  async run() {
    const dir = scratchDir();
    try {
      const path = await copyEventsFixture(dir.file('ledger.db'));
      const eventStore = new SqliteEventStore(path);
      const readStore = new SqliteReadStore(path);
      const live = { eventStore, readStore };
      const snapshotSeconds = await seconds(() => writeDueSnapshots(eventStore, readStore, readModels));
      const baseline = await seconds(() =>
        new ProjectionRuntime({
          eventStore: new PrefixEventStore(eventStore, {
            commit: BigInt(BASELINE_EVENTS),
            prepare: BigInt(BASELINE_EVENTS),
          }),
          readStore: new MemoryReadStore(),
          projections: snapshotted,
        }).catchUp(),
      );
      const times: number[] = [];
      for (const moment of await moments(eventStore, REBUILD_LEDGER.events))
        times.push(
          await seconds(async () =>
            answer(asOfStores(live, await asOfPoint(live, moment, readModels), readModels).readStore),
          ),
        );
      await readStore.close();
      await eventStore.close();
      const sorted = [...times].sort((a, b) => a - b);
      const p50 = quantile(sorted, 0.5);
      const max = sorted[sorted.length - 1] ?? NaN;
      return {
        metric: 'p50Seconds',
        value: round(p50, 3),
        baseline: round(baseline, 3),
        ratio: ratioOf(max, baseline),
        params: {
          events: REBUILD_LEDGER.events,
          tasks: REBUILD_LEDGER.tasks,
          moments: MOMENTS,
          readModels: readModels.map((projection) => projection.name),
          baselineReadModels: snapshotted.map((projection) => projection.name),
          p50Seconds: round(p50, 3),
          p95Seconds: round(quantile(sorted, 0.95), 3),
          maxSeconds: round(max, 3),
          fold100kSeconds: round(baseline, 3),
          maxToFold100kRatio: ratioOf(max, baseline),
          snapshotEvery: DEFAULT_SNAPSHOT_EVERY,
          snapshotAndHistoryLogWriteSeconds: round(snapshotSeconds, 1),
        },
      };
    } finally {
      dir.remove();
    }
  },
};
