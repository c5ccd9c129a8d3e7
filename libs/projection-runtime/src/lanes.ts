import { parsePosition, Position, positionToString } from '@taskledger/event-store';
import { AnyProjection, Doc } from '@taskledger/projections';
import { Checkpoint, CollectionSwap, DocumentChange, ReadStore } from '@taskledger/read-store';

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
  /** When this work began (`performance.now()`): the last commit. */
  startedAt: number;
  /** What to report once this work commits (work a lost commit drops is never reported). */
  report: AppliedWork;
}

/** Events applied, the time spent applying them, and the dead letters recorded, for observers. */
export interface AppliedWork {
  events: number;
  seconds: number;
  deadLetters: Array<{ eventId: string; reason: string }>;
}

export const emptyWork = (): LaneWork => ({
  docs: new Map(),
  loaded: new Map(),
  deadLetters: [],
  eventsSinceCommit: 0,
  startedAt: performance.now(),
  report: { events: 0, seconds: 0, deadLetters: [] },
});

/** Whether the lane moved or recorded a dead letter since its last commit: it has a checkpoint to write. */
export const hasWork = (lane: Lane): boolean => lane.work.eventsSinceCommit > 0 || lane.work.deadLetters.length > 0;

/**
 * One projection as the runtime drives it: which collection it writes now (the live one, or
 * its shadow during a rebuild), and how far it has got.
 */
export interface Lane {
  projection: AnyProjection;
  /** The event types its projection handles, for a cheap check per event. */
  handled: ReadonlySet<string>;
  /** The collection it writes; its checkpoint has the same name. */
  collection: string;
  /** The last event applied, committed or not (`work` holds what is not). */
  position: Position | null;
  /**
   * The revision of the lane's checkpoint as this lane last read or wrote it (null: none). Each
   * commit expects it, so work folded from a checkpoint another process has since moved is
   * refused instead of counted twice.
   */
  revision: string | null;
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
   * Null when the collection was not empty, once there are too many ids to remember, and for a
   * projection with a document per event (it reads none).
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
  name: lane.collection,
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
 * How a lane starts: `catch-up` follows the live collection, or builds the shadow when the
 * projection's version changed; `rebuild` starts a shadow build from the first event;
 * `continue-rebuild` resumes a shadow build of the current version if there is one (after
 * another process moved the checkpoint), and is `catch-up` otherwise.
 */
export type LaneStart = 'catch-up' | 'rebuild' | 'continue-rebuild';

/**
 * Opens a lane: a new projection writes its live collection from the first event; a version
 * bump (or a rebuild) builds a shadow collection from the first event, resuming a shadow build
 * that was interrupted.
 */
export const openLane = async (
  store: ReadStore,
  projection: AnyProjection,
  start: LaneStart = 'catch-up',
): Promise<Lane> => {
  const indexes = projection.indexes ?? [];
  const current = (checkpoint: Checkpoint | null) => checkpoint?.version === projection.version;
  const live = await store.getCheckpoint(projection.name);
  const followLive = async () => {
    await store.ensureCollection(projection.name, { indexes, deferIndexes: live === null });
    return lane(store, projection, projection.name, live, false);
  };
  const liveIsCurrent = live === null || current(live);
  if (start === 'catch-up' && liveIsCurrent) return followLive();
  const shadow = shadowName(projection.name);
  const shadowCheckpoint = await store.getCheckpoint(shadow);
  if (start === 'continue-rebuild' && liveIsCurrent && !current(shadowCheckpoint)) return followLive();
  await store.ensureCollection(shadow, { indexes, deferIndexes: true });
  if (start !== 'rebuild' && current(shadowCheckpoint)) return lane(store, projection, shadow, shadowCheckpoint, true);
  // Start the shadow afresh: empty, under a new checkpoint at the first event, in one unit that
  // fails if another process wrote the shadow's checkpoint meanwhile (its build goes on instead).
  // The checkpoint is written, not deleted, so a build that started from it can tell a later
  // swap (which deletes it) from a fresh start.
  const fresh: Checkpoint = { name: shadow, position: null, version: projection.version };
  const receipt = await store.commit({
    expect: [{ name: shadow, revision: shadowCheckpoint?.revision ?? null }],
    clear: [shadow],
    checkpoints: [fresh],
  });
  return lane(store, projection, shadow, { ...fresh, revision: receipt.revisions[shadow] }, true);
};

const lane = async (
  store: ReadStore,
  projection: AnyProjection,
  collection: string,
  checkpoint: Checkpoint | null,
  rebuilding: boolean,
): Promise<Lane> => {
  const position = fromCheckpoint(checkpoint);
  return {
    projection,
    handled: new Set(projection.handles),
    collection,
    position,
    revision: checkpoint?.revision ?? null,
    work: emptyWork(),
    rebuilding,
    indexesDeferred: rebuilding || position === null,
    failure: null,
    writtenIds: await writtenIdsFrom(store, projection, collection, position),
  };
};

/** An empty set when the lane builds its collection from empty and may touch a document twice. */
const writtenIdsFrom = async (
  store: ReadStore,
  projection: AnyProjection,
  collection: string,
  position: Position | null,
): Promise<Set<string> | null> =>
  position === null && projection.documentPerEvent !== true && (await store.count(collection)) === 0 ? new Set() : null;

/**
 * Commits `changes` with the checkpoints of `lanes`, only if no other process wrote those
 * checkpoints since these lanes read or wrote them (else TaskledgerError 'CheckpointConflict',
 * nothing written); the lanes then hold their checkpoints' new revisions.
 */
export const commitLanes = async (
  store: ReadStore,
  lanes: readonly Lane[],
  changes: readonly DocumentChange[],
  eventsPerSecond?: number,
): Promise<void> => {
  const receipt = await store.commit({
    expect: lanes.map(expectation),
    changes,
    checkpoints: lanes.map((lane) => checkpointOf(lane, eventsPerSecond)),
  });
  for (const lane of lanes) lane.revision = receipt.revisions[lane.collection] ?? null;
};

/**
 * Swaps a rebuilt shadow in for the live collection, with its checkpoint, if the shadow's
 * checkpoint is still the lane's; the lane then follows the live collection.
 */
export const swapIn = async (store: ReadStore, lane: Lane, eventsPerSecond?: number): Promise<void> => {
  const name = lane.projection.name;
  const swap: CollectionSwap = { source: lane.collection, target: name };
  const receipt = await store.commit({
    expect: [expectation(lane)],
    swaps: [swap],
    checkpoints: [{ ...checkpointOf(lane, eventsPerSecond), name }],
    deleteCheckpoints: [lane.collection],
  });
  Object.assign(lane, { collection: name, rebuilding: false, revision: receipt.revisions[name] });
};

const expectation = (lane: Lane) => ({ name: lane.collection, revision: lane.revision });
