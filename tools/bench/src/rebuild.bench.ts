import Database from 'better-sqlite3';
import { SqliteEventStore } from '@taskledger/event-store';
import { ProjectionRuntime, RuntimeProgress } from '@taskledger/projection-runtime';
import { AnyProjection, readModels } from '@taskledger/projections';
import { SqliteReadStore } from '@taskledger/read-store';
import { catchUpInParallel, ParallelProgress, ThreadTime } from '@taskledger/stores';
import { Benchmark, ratioOf, round } from './bench-result';
import { copyEventsFixture, REBUILD_LEDGER } from './ledger-fixture';
import { scratchDir } from './scratch';

/** CPU seconds (user + system, every thread) this process spent since `since`. */
const cpuSecondsSince = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

/** The floor: the same rows read with plain better-sqlite3, both JSON columns parsed, folded by a no-op. */
export const rawFloor = (path: string): { eventsPerSecond: number; cpuSeconds: number } => {
  const db = new Database(path, { readonly: true });
  const cpu = process.cpuUsage();
  const started = performance.now();
  let folded = 0;
  for (const row of db
    .prepare('SELECT position, stream, revision, id, type, data, metadata FROM events ORDER BY position')
    .iterate()) {
    const { data, metadata } = row as { data: string; metadata: string };
    if (JSON.parse(data) && JSON.parse(metadata)) folded += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  db.close();
  return { eventsPerSecond: folded / seconds, cpuSeconds };
};

/** The read models that keep aggregates (a few documents each per task or overall), not one per event. */
export const AGGREGATE_READ_MODELS = ['task_executions', 'performance_metrics', 'error_statistics'] as const;

const named = (names: readonly string[]): AnyProjection[] =>
  readModels.filter((projection) => names.includes(projection.name));

/**
 * Rebuilds `projections` from the events-only fixture with the runtime's defaults, and measures
 * the floor in the same run: the ratio of the two is the figure targets are stated in. On a
 * shared machine the load can change between the two, so the CPU seconds of each are reported
 * too (`cpuRatio`: floor CPU seconds / rebuild CPU seconds, for the same events).
 */
const rebuildBenchmark = (
  name: string,
  projections: readonly AnyProjection[],
  target: number | null,
  groups?: readonly (readonly string[])[],
): Benchmark => ({
  name,
  description: `rebuild ${groups ? `in ${groups.length} threads (${groups.map((group) => group.join(' + ')).join(' | ')})` : projections.length === readModels.length ? 'every read model' : projections.map((p) => p.name).join(', ')} from ${REBUILD_LEDGER.events.toLocaleString('en-US')} events in SQLite vs a raw read+parse floor (targets: ${target === null ? '' : `ratio >= ${target}, `}RSS < 1 GB)`,
  async run() {
    const dir = scratchDir();
    try {
      const path = await copyEventsFixture(dir.file('ledger.db'));
      const { eventsPerSecond: floor, cpuSeconds: floorCpuSeconds } = rawFloor(path);
      process.stderr.write(`  floor: ${Math.round(floor).toLocaleString('en-US')} events/s\n`);
      const cpu = process.cpuUsage();
      const started = performance.now();
      const { threads, ...progress } = await catchUp(path, projections, groups);
      const value = progress.processed / ((performance.now() - started) / 1000);
      const cpuSeconds = cpuSecondsSince(cpu);
      return {
        metric: 'eventsPerSecond',
        value: round(value, 0),
        baseline: round(floor, 0),
        ratio: ratioOf(value, floor),
        params: {
          events: progress.processed,
          tasks: REBUILD_LEDGER.tasks,
          readModels: projections.map((projection) => projection.name),
          threads: groups?.length ?? 1,
          batchSize: 'runtime default',
          targetRatio: target,
          floorCpuSeconds: round(floorCpuSeconds),
          cpuSeconds: round(cpuSeconds),
          cpuRatio: ratioOf(floorCpuSeconds, cpuSeconds),
          ...(threads && { threadSeconds: threads.map(threadFigures) }),
        },
      };
    } finally {
      dir.remove();
    }
  },
});

/** A thread's wall, CPU and run-queue seconds: wall minus the other two is time blocked (locks, disk). */
const threadFigures = ({
  projections,
  seconds,
  cpuSeconds,
  runQueueSeconds,
}: ThreadTime & { projections: string[] }) => ({
  projections: projections.join(' + '),
  seconds: round(seconds),
  cpuSeconds: cpuSeconds === null ? null : round(cpuSeconds),
  runQueueSeconds: runQueueSeconds === null ? null : round(runQueueSeconds),
});

/** The runtime's catch-up on one thread, or the groups' catch-ups in a worker thread each. */
const catchUp = async (
  path: string,
  projections: readonly AnyProjection[],
  groups?: readonly (readonly string[])[],
): Promise<RuntimeProgress & { threads?: ParallelProgress['threads'] }> => {
  if (groups) return catchUpInParallel({ eventStorePath: path, readStorePath: path, groups });
  const eventStore = new SqliteEventStore(path);
  const readStore = new SqliteReadStore(path);
  try {
    return await new ProjectionRuntime({ eventStore, readStore, projections }).catchUp();
  } finally {
    await readStore.close();
    await eventStore.close();
  }
};

export const rebuildSqlite = rebuildBenchmark('rebuild-sqlite', readModels, 0.3);

export const rebuildSqliteAggregates = rebuildBenchmark('rebuild-sqlite-aggregates', named(AGGREGATE_READ_MODELS), 0.5);

/** One benchmark per read model, rebuilt alone, so a regression shows which one it is in. */
export const rebuildSqliteEach: Benchmark[] = readModels.map((projection) =>
  rebuildBenchmark(`rebuild-sqlite-${projection.name}`, [projection], null),
);

/** The same rebuilds with the read models split over two worker threads, each reading the log. */
export const rebuildSqliteParallel: Benchmark[] = [
  rebuildBenchmark('rebuild-sqlite-threads', readModels, 0.3, [
    ['execution_history', 'backlog_tasks'],
    [...AGGREGATE_READ_MODELS],
  ]),
  rebuildBenchmark('rebuild-sqlite-threads-history-alone', readModels, 0.3, [
    ['execution_history'],
    readModels.map((projection) => projection.name).filter((name) => name !== 'execution_history'),
  ]),
  rebuildBenchmark('rebuild-sqlite-aggregates-threads', named(AGGREGATE_READ_MODELS), 0.5, [
    ['task_executions'],
    ['performance_metrics', 'error_statistics'],
  ]),
];
