import { parsePosition, Position, positionToString } from '@taskledger/event-store';
import { AnyProjection, Doc } from '@taskledger/projections';
import { Checkpoint, DocumentChange, ReadStore } from '@taskledger/read-store';

/** Where a projection's next version is built while queries keep reading the live collection. */
export const shadowName = (projection: string): string => `${projection}__next`;

/** What a lane has applied since its last commit; committed with its checkpoint, in one unit of work. */
export interface LaneWork {
  /** Each document the work touched as it is now (null: none, or deleted). */
  docs: Map<string, Doc | null>;
  /** Those of them that were stored before the work, as they were (any other had no document). */
  loaded: Map<string, Doc | null>;
  deadLetters: DocumentChange[];
  /** Events the lane moved past since the last commit. */
  eventsSinceCommit: number;
}

export const emptyWork = (): LaneWork => ({
  docs: new Map(),
  loaded: new Map(),
  deadLetters: [],
  eventsSinceCommit: 0,
});

/** Whether the lane moved or recorded a dead letter since its last commit: it has a checkpoint to write. */
export const hasWork = (lane: Lane): boolean => lane.work.eventsSinceCommit > 0 || lane.work.deadLetters.length > 0;

/**
 * One projection as the runtime drives it: which collection it writes now (the live one, or
 * its shadow during a rebuild), under which checkpoint, and how far it has got.
 */
export interface Lane {
  projection: AnyProjection;
  /** The event types its projection handles, for a cheap check per event. */
  handled: ReadonlySet<string>;
  collection: string;
  checkpointName: string;
  /** The last event applied, committed or not (`work` holds what is not). */
  position: Position | null;
  work: LaneWork;
  rebuilding: boolean;
  /**
   * The collection's indexes are declared but not built: it is filled from the first event (or
   * is a shadow nobody queries), and one build once caught up costs far less than keeping them
   * current while millions of documents are written.
   */
  indexesDeferred: boolean;
  /** Set when a poison event stopped this projection (onPoison: 'stop'). */
  failure: string | null;
  /**
   * While the lane builds its collection from empty: the ids of the documents it has written.
   * No other id has a document, so those are not read (most documents of a first build are new).
   * Null when the collection was not empty, or once there are too many ids to remember.
   */
  writtenIds: Set<string> | null;
}

/** Most ids a lane remembers (about 70 MB); past that it reads every document it touches. */
export const MAX_WRITTEN_IDS = 1_000_000;

/** Builds the indexes a lane deferred (see `Lane.indexesDeferred`). */
export const buildDeferredIndexes = async (store: ReadStore, lane: Lane): Promise<void> => {
  if (!lane.indexesDeferred) return;
  await store.ensureCollection(lane.collection, { indexes: lane.projection.indexes ?? [] });
  lane.indexesDeferred = false;
};

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
    await store.ensureCollection(projection.name, { indexes, deferIndexes: live === null });
    return lane(store, projection, projection.name, projection.name, fromCheckpoint(live), false);
  }
  const shadow = shadowName(projection.name);
  const shadowCheckpoint = await store.getCheckpoint(shadow);
  const resumable = shadowCheckpoint?.version === projection.version && !forceRebuild;
  if (!resumable) {
    await store.dropCollection(shadow);
    await store.commit({ deleteCheckpoints: [shadow] });
  }
  await store.ensureCollection(shadow, { indexes, deferIndexes: true });
  return lane(store, projection, shadow, shadow, resumable ? fromCheckpoint(shadowCheckpoint) : null, true);
};

const lane = async (
  store: ReadStore,
  projection: AnyProjection,
  collection: string,
  checkpointName: string,
  position: Position | null,
  rebuilding: boolean,
): Promise<Lane> => ({
  projection,
  handled: new Set(projection.handles),
  collection,
  checkpointName,
  position,
  work: emptyWork(),
  rebuilding,
  indexesDeferred: rebuilding || position === null,
  failure: null,
  writtenIds: position === null && (await store.count(collection)) === 0 ? new Set() : null,
});
