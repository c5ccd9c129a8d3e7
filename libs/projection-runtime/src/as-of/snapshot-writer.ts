import { EventStore, Position, sequencePosition } from '@taskledger/event-store';
import { AnyProjection } from '@taskledger/projections';
import { MemoryReadStore, ReadStore } from '@taskledger/read-store';
import { ProjectionRuntime } from '../projection-runtime';
import { PrefixEventStore } from './prefix-event-store';
import { dropStaleSnapshots, listSnapshots, loadSnapshot, Snapshot, writeSnapshot } from './snapshots';

/** Events between two snapshots of a projection, by default. */
export const DEFAULT_SNAPSHOT_EVERY = 100_000;

export interface SnapshotOptions {
  /** Events between two snapshots. Default 100,000. */
  every?: number;
}

const latestOf = (snapshots: readonly Snapshot[]): Snapshot | null => snapshots[snapshots.length - 1] ?? null;

const laterTime = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

/**
 * Writes the snapshots the log has reached since the last ones: each projection's documents as
 * of every `every`-th position (the embedded stores number events 1, 2, 3, ...). They are folded
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
  const head = await eventStore.headPosition();
  if (head === null || projections.length === 0) return 0;
  const memory = new MemoryReadStore();
  const latest = new Map<string, Snapshot | null>();
  for (const projection of projections) {
    await dropStaleSnapshots(readStore, projection);
    const snapshot = latestOf(await listSnapshots(readStore, projection));
    latest.set(projection.name, snapshot);
    if (snapshot) await loadSnapshot(readStore, snapshot, projection, memory);
  }
  const positions = [...latest.values()].map((snapshot) => snapshot?.position.commit ?? 0n);
  const from = positions.reduce((min, position) => (position < min ? position : min));
  let latestTime = [...latest.values()]
    .filter((snapshot) => snapshot?.position.commit === from)
    .reduce<number | null>((time, snapshot) => laterTime(time, snapshot?.latestTime ?? null), null);
  let written = 0;
  for (let boundary = from - (from % every) + every; boundary <= head.commit; boundary += every) {
    const end: Position = sequencePosition(boundary);
    const prefix = new PrefixEventStore(eventStore, end);
    await new ProjectionRuntime({ eventStore: prefix, readStore: memory, projections }).catchUp();
    latestTime = laterTime(latestTime, prefix.latestTime);
    for (const projection of projections) {
      if ((latest.get(projection.name)?.position.commit ?? 0n) >= boundary) continue;
      const docs = (await memory.find(projection.name)).items;
      await writeSnapshot(readStore, projection, { position: end, latestTime }, docs);
      written += 1;
    }
  }
  return written;
};
