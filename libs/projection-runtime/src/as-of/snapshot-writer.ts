import { EventStore, Position, sequencePosition } from '@taskledger/event-store';
import { AnyProjection } from '@taskledger/projections';
import { ReadStore } from '@taskledger/read-store';
import { ProjectionRuntime } from '../projection-runtime';
import { FoldStore } from './fold-store';
import { dropStaleHistoryLogs, HISTORY, historyLogProjection } from './history-log';
import { PrefixEventStore } from './prefix-event-store';
import { dropStaleSnapshots, listSnapshots, loadSnapshot, Snapshot, writeSnapshot } from './snapshots';

/** Events between two snapshots of a projection, by default. */
export const DEFAULT_SNAPSHOT_EVERY = 25_000;

export interface SnapshotOptions {
  /** Events between two snapshots. Default 25,000. */
  every?: number;
  /**
   * Only keep up snapshots and the history log that exist already (as-of was used on this
   * ledger); write none on a ledger that has none. Default false.
   */
  onlyIfStarted?: boolean;
}

const started = async (readStore: ReadStore): Promise<boolean> =>
  (await readStore.listCheckpoints()).some((checkpoint) => checkpoint.name.startsWith('asof'));

/** Read models kept in a log rather than snapshotted (one document per event, see history-log.ts). */
export const NOT_SNAPSHOTTED: ReadonlySet<string> = new Set([HISTORY.name]);

/**
 * Whether positions count events (1, 2, 3, ...), as in the embedded stores: snapshot positions
 * are every `every`-th event. EventStoreDB positions are log offsets: no snapshots are written
 * there (as-of folds from the first event).
 */
const countsEvents = async (eventStore: EventStore): Promise<boolean> => {
  for await (const event of eventStore.readAll({ maxCount: 1 }))
    return event.position.commit === 1n && event.position.prepare === 1n;
  return false;
};

const latestOf = (snapshots: readonly Snapshot[]): Snapshot | null => snapshots[snapshots.length - 1] ?? null;

const laterTime = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

/**
 * Brings the history log up to date, and writes the snapshots the log has reached since the last
 * ones: each other projection's documents as of every `every`-th position (the embedded stores
 * number events 1, 2, 3, ...). They are folded
 * in memory from the latest snapshot, so the live read models are neither read nor locked, and
 * several processes may do it at once (the first to finish a snapshot keeps it). Returns how many
 * snapshots it wrote.
 */
export const writeDueSnapshots = async (
  eventStore: EventStore,
  readStore: ReadStore,
  projections: readonly AnyProjection[],
  options: SnapshotOptions = {},
): Promise<number> => {
  const every = BigInt(options.every ?? DEFAULT_SNAPSHOT_EVERY);
  if (options.onlyIfStarted && !(await started(readStore))) return 0;
  if (projections.some((projection) => projection.name === HISTORY.name)) {
    await dropStaleHistoryLogs(readStore);
    await new ProjectionRuntime({ eventStore, readStore, projections: [historyLogProjection] }).catchUp();
  }
  const kept = projections.filter((projection) => !NOT_SNAPSHOTTED.has(projection.name));
  const head = await eventStore.headPosition();
  if (head === null || kept.length === 0 || !(await countsEvents(eventStore))) return 0;
  const latest = new Map<string, Snapshot | null>();
  for (const projection of kept) {
    await dropStaleSnapshots(readStore, projection);
    latest.set(projection.name, latestOf(await listSnapshots(readStore, projection)));
  }
  const from = [...latest.values()]
    .map((snapshot) => snapshot?.position.commit ?? 0n)
    .reduce((min, position) => (position < min ? position : min));
  const first = from - (from % every) + every;
  if (first > head.commit) return 0;
  const memory = new FoldStore();
  for (const projection of kept) {
    const snapshot = latest.get(projection.name);
    if (snapshot) await loadSnapshot(readStore, snapshot, projection, memory);
  }
  let latestTime = [...latest.values()]
    .filter((snapshot) => snapshot?.position.commit === from)
    .reduce<number | null>((time, snapshot) => laterTime(time, snapshot?.latestTime ?? null), null);
  let written = 0;
  for (let boundary = first; boundary <= head.commit; boundary += every) {
    const end: Position = sequencePosition(boundary);
    const prefix = new PrefixEventStore(eventStore, end);
    await new ProjectionRuntime({ eventStore: prefix, readStore: memory, projections: kept }).catchUp();
    latestTime = laterTime(latestTime, prefix.latestTime);
    for (const projection of kept) {
      if ((latest.get(projection.name)?.position.commit ?? 0n) >= boundary) continue;
      const docs = (await memory.find(projection.name)).items;
      await writeSnapshot(readStore, projection, { position: end, latestTime }, docs);
      written += 1;
    }
  }
  return written;
};
