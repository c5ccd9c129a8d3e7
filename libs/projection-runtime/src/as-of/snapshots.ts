import { isTaskledgerError } from '@taskledger/errors';
import { comparePositions, parsePosition, Position, positionToString } from '@taskledger/event-store';
import { AnyProjection } from '@taskledger/projections';
import { AnyDocument, Checkpoint, ReadStore } from '@taskledger/read-store';

/**
 * A stored snapshot: every document of one projection version as of `position`, in its own
 * collection. Its checkpoint (same name) is written last, in the unit of work that completes
 * it, so a snapshot without one was never finished and is not used.
 */
export interface Snapshot {
  name: string;
  position: Position;
  /** The latest occurredAt (UTC ms) among the events up to `position`. */
  latestTime: number | null;
}

const PREFIX = 'asof_';
const prefixOf = (projection: AnyProjection) => `${PREFIX}${projection.name}_v${projection.version}_`;

export const snapshotName = (projection: AnyProjection, position: Position): string =>
  `${prefixOf(projection)}${positionToString(position).replace('/', '_')}`;

const snapshotOf = (checkpoint: Checkpoint): Snapshot | null => {
  if (checkpoint.position === null) return null;
  const state = (checkpoint.state ?? {}) as { latestTime?: number | null };
  return { name: checkpoint.name, position: parsePosition(checkpoint.position), latestTime: state.latestTime ?? null };
};

/** The finished snapshots of the projection's current version, oldest first. */
export const listSnapshots = async (store: ReadStore, projection: AnyProjection): Promise<Snapshot[]> =>
  (await store.listCheckpoints())
    .filter(
      (checkpoint) => checkpoint.name.startsWith(prefixOf(projection)) && checkpoint.version === projection.version,
    )
    .map(snapshotOf)
    .filter((snapshot): snapshot is Snapshot => snapshot !== null)
    .sort((a, b) => comparePositions(a.position, b.position));

/** The latest finished snapshot at or before `position` (none before the first event). */
export const nearestSnapshot = async (
  store: ReadStore,
  projection: AnyProjection,
  position: Position | null,
): Promise<Snapshot | null> => {
  if (position === null) return null;
  const earlier = (await listSnapshots(store, projection)).filter(
    (snapshot) => comparePositions(snapshot.position, position) <= 0,
  );
  return earlier[earlier.length - 1] ?? null;
};

/** Puts the snapshot's documents into `target` as the projection's collection, checkpointed at its position. */
export const loadSnapshot = async (
  source: ReadStore,
  snapshot: Snapshot,
  projection: AnyProjection,
  target: ReadStore,
): Promise<void> => {
  const docs = (await source.find(snapshot.name)).items;
  await target.ensureCollection(projection.name, { indexes: projection.indexes ?? [] });
  await target.commit({
    changes: docs.map((doc) => ({ op: 'put' as const, collection: projection.name, doc })),
    checkpoints: [
      { name: projection.name, position: positionToString(snapshot.position), version: projection.version },
    ],
  });
};

/**
 * Stores `docs` as the projection's snapshot at `position`. Large snapshots are written in
 * several units (the read store's limit); the checkpoint goes with the last, on condition that
 * no other process finished the same snapshot first (then this one writes nothing more).
 */
export const writeSnapshot = async (
  store: ReadStore,
  projection: AnyProjection,
  snapshot: Omit<Snapshot, 'name'>,
  docs: readonly AnyDocument[],
): Promise<void> => {
  const name = snapshotName(projection, snapshot.position);
  await store.ensureCollection(name);
  const changes = docs.map((doc) => ({ op: 'put' as const, collection: name, doc }));
  const size = Math.max(1, store.maxUnitOfWorkChanges ?? changes.length);
  while (changes.length > size) await store.commit({ changes: changes.splice(0, size) });
  const checkpoint: Checkpoint = {
    name,
    position: positionToString(snapshot.position),
    version: projection.version,
    state: { latestTime: snapshot.latestTime },
  };
  try {
    await store.commit({ expect: [{ name, revision: null }], changes, checkpoints: [checkpoint] });
  } catch (error) {
    if (!isTaskledgerError(error, 'CheckpointConflict')) throw error;
  }
};

/** Drops the snapshots of the projection's other versions (after a version bump). */
export const dropStaleSnapshots = async (store: ReadStore, projection: AnyProjection): Promise<void> => {
  const own = `${PREFIX}${projection.name}_v`;
  const stale = (name: string) => name.startsWith(own) && !name.startsWith(prefixOf(projection));
  const checkpoints = (await store.listCheckpoints()).map((checkpoint) => checkpoint.name).filter(stale);
  if (checkpoints.length > 0) await store.commit({ deleteCheckpoints: checkpoints });
  for (const collection of await store.listCollections()) {
    if (stale(collection.name)) await store.dropCollection(collection.name);
  }
};
