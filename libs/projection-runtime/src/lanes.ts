import { parsePosition, Position, positionToString } from '@taskledger/event-store';
import { AnyProjection } from '@taskledger/projections';
import { Checkpoint, ReadStore } from '@taskledger/read-store';

/** Where a projection's next version is built while queries keep reading the live collection. */
export const shadowName = (projection: string): string => `${projection}__next`;

/**
 * One projection as the runtime drives it: which collection it writes now (the live one, or
 * its shadow during a rebuild), under which checkpoint, and how far it has got.
 */
export interface Lane {
  projection: AnyProjection;
  collection: string;
  checkpointName: string;
  position: Position | null;
  rebuilding: boolean;
  /** Set when a poison event stopped this projection (onPoison: 'stop'). */
  failure: string | null;
}

/** The lane's checkpoint; its state carries the run's throughput and, if stopped, why. */
export const checkpointOf = (lane: Lane, eventsPerSecond?: number): Checkpoint => ({
  name: lane.checkpointName,
  position: lane.position ? positionToString(lane.position) : null,
  version: lane.projection.version,
  state: {
    ...(eventsPerSecond === undefined ? {} : { eventsPerSecond }),
    ...(lane.failure ? { failure: lane.failure } : {}),
  },
});

const fromCheckpoint = (checkpoint: Checkpoint | null): Position | null =>
  checkpoint?.position ? parsePosition(checkpoint.position) : null;

/**
 * Opens a lane: a new projection writes its live collection from the first event; a version
 * bump (or `forceRebuild`) builds a shadow collection from the first event, resuming a shadow
 * build that was interrupted.
 */
export const openLane = async (store: ReadStore, projection: AnyProjection, forceRebuild = false): Promise<Lane> => {
  const indexes = projection.indexes ?? [];
  const live = await store.getCheckpoint(projection.name);
  if (!forceRebuild && (live === null || live.version === projection.version)) {
    await store.ensureCollection(projection.name, { indexes });
    return lane(projection, projection.name, projection.name, fromCheckpoint(live), false);
  }
  const shadow = shadowName(projection.name);
  const shadowCheckpoint = await store.getCheckpoint(shadow);
  const resumable = shadowCheckpoint?.version === projection.version && !forceRebuild;
  if (!resumable) {
    await store.dropCollection(shadow);
    await store.commit({ deleteCheckpoints: [shadow] });
  }
  await store.ensureCollection(shadow, { indexes });
  return lane(projection, shadow, shadow, resumable ? fromCheckpoint(shadowCheckpoint) : null, true);
};

const lane = (projection: AnyProjection, collection: string, checkpointName: string, position: Position | null, rebuilding: boolean): Lane => ({
  projection,
  collection,
  checkpointName,
  position,
  rebuilding,
  failure: null,
});
