import { comparePositions, positionToString, RecordedEvent } from '@taskledger/event-store';
import { AnyProjection, Doc, ProjectedEvent } from '@taskledger/projections';
import { DocumentChange, ReadStore } from '@taskledger/read-store';
import { DEAD_LETTERS, deadLetter } from './dead-letters';
import { Lane, MAX_WRITTEN_IDS } from './lanes';

export interface PoisonPolicy {
  /** What to do with an event a projection cannot apply: record it and go on, or stop that projection. */
  onPoison: 'dead-letter' | 'stop';
  /** How many times to try `evolve` before giving up on an event. */
  attempts: number;
  now: () => Date;
}

export interface LaneBatchResult {
  changes: DocumentChange[];
  applied: number;
}

/** The events of a batch this lane has not applied yet and its projection handles. */
const pendingFor = (lane: Lane, batch: readonly RecordedEvent[]): RecordedEvent[] => {
  const { position, handled } = lane;
  // Usually the whole batch lies past the lane; compare positions per event only when it does not.
  const allNew = position === null || comparePositions(batch[0]!.position, position) > 0;
  return batch.filter((event) => handled.has(event.type) && (allNew || comparePositions(event.position, position!) > 0));
};

/** `evolve`, tried up to `attempts` times; rethrows the last error. */
const evolveWithRetries = (projection: AnyProjection, doc: Doc | null, event: ProjectedEvent, id: string, attempts: number) => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return projection.evolve(doc, event, id);
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
};

/**
 * Applies a batch to one lane: loads every affected document once, folds the events in order,
 * and returns the writes of the documents that changed (plus dead letters). Advances the lane's
 * position to the end of the batch, or, when a poison event stops the projection, to the event
 * before it.
 */
export const applyBatch = async (store: ReadStore, lane: Lane, batch: readonly RecordedEvent[], policy: PoisonPolicy): Promise<LaneBatchResult> => {
  const last = batch[batch.length - 1];
  if (lane.failure || !last) return { changes: [], applied: 0 };
  const events = pendingFor(lane, batch);
  const loaded = await loadDocuments(store, lane, events);
  const docs = new Map(loaded);
  const deadLetters: DocumentChange[] = [];
  let applied = 0;
  for (const event of events) {
    const failed = applyEvent(lane.projection, docs, event, policy.attempts);
    if (failed !== null) {
      deadLetters.push({ op: 'put', collection: DEAD_LETTERS, doc: deadLetter(lane.projection.name, event, failed, policy.now()) });
      if (policy.onPoison === 'stop') {
        lane.failure = `event ${event.id} (${event.type}) at position ${positionToString(event.position)}: ${failed}`;
        return { changes: documentWrites(lane, docs, loaded).concat(deadLetters), applied };
      }
    }
    lane.position = event.position;
    applied += 1;
  }
  lane.position = last.position;
  return { changes: documentWrites(lane, docs, loaded).concat(deadLetters), applied };
};

/** Applies one event to each of its documents, or to none when evolve keeps failing (returns the error text). */
const applyEvent = (projection: AnyProjection, docs: Map<string, Doc | null>, event: RecordedEvent, attempts: number): string | null => {
  const projected = event as ProjectedEvent;
  const ids = projection.documentIds(projected);
  let next: (Doc | null)[];
  try {
    next = ids.map((id) => evolveWithRetries(projection, docs.get(id) ?? null, projected, id, attempts));
  } catch (error) {
    return String((error as Error)?.message ?? error);
  }
  ids.forEach((id, index) => docs.set(id, next[index]!));
  return null;
};

/** Each affected document as stored before the batch (null when there is none). */
const loadDocuments = async (store: ReadStore, lane: Lane, events: readonly RecordedEvent[]): Promise<Map<string, Doc | null>> => {
  const docs = new Map<string, Doc | null>();
  for (const event of events) for (const id of lane.projection.documentIds(event as ProjectedEvent)) docs.set(id, null);
  const written = lane.writtenIds;
  const toRead = written === null ? [...docs.keys()] : [...docs.keys()].filter((id) => written.has(id));
  const stored = toRead.length === 0 ? [] : await store.getMany<Doc>(lane.collection, toRead);
  toRead.forEach((id, index) => docs.set(id, stored[index] ?? null));
  return docs;
};

const rememberWritten = (lane: Lane, id: string): void => {
  if (lane.writtenIds === null) return;
  if (lane.writtenIds.size < MAX_WRITTEN_IDS) lane.writtenIds.add(id);
  else lane.writtenIds = null;
};

/**
 * Puts and deletes for the documents the batch changed. `evolve` is pure, so a document it
 * handed back as it was given (the same object) is unchanged and is not written again.
 */
const documentWrites = (lane: Lane, docs: Map<string, Doc | null>, loaded: Map<string, Doc | null>): DocumentChange[] => {
  const writes: DocumentChange[] = [];
  for (const [id, doc] of docs) {
    const before = loaded.get(id) ?? null;
    if (doc === before) continue;
    if (doc) {
      writes.push({ op: 'put', collection: lane.collection, doc });
      rememberWritten(lane, id);
    } else if (before !== null) writes.push({ op: 'delete', collection: lane.collection, id });
  }
  return writes;
};
