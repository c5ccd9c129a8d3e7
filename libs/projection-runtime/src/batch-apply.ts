import { comparePositions, positionToString, RecordedEvent } from '@taskledger/event-store';
import { AnyProjection, Doc, ProjectedEvent } from '@taskledger/projections';
import { DocumentChange, ReadStore } from '@taskledger/read-store';
import { DEAD_LETTERS, deadLetter } from './dead-letters';
import { emptyWork, Lane, MAX_WRITTEN_IDS } from './lanes';

export interface PoisonPolicy {
  /** What to do with an event a projection cannot apply: record it and go on, or stop that projection. */
  onPoison: 'dead-letter' | 'stop';
  now: () => Date;
}

export interface AppliedBatch {
  /** Events of the batch the lane's projection handled and applied. */
  events: number;
  deadLetters: Array<{ eventId: string; reason: string }>;
}

/** The events of a batch this lane has not applied yet and its projection handles. */
const pendingFor = (lane: Lane, batch: readonly RecordedEvent[]): RecordedEvent[] => {
  const { position, handled } = lane;
  // Usually the whole batch lies past the lane; compare positions per event only when it does not.
  const first = batch[0];
  if (position === null || first === undefined || comparePositions(first.position, position) > 0) {
    return batch.filter((event) => handled.has(event.type));
  }
  return batch.filter((event) => handled.has(event.type) && comparePositions(event.position, position) > 0);
};

/**
 * Applies a batch to one lane's uncommitted work: loads each affected document it does not hold
 * yet, folds the events in order, and keeps dead letters for its next commit. Advances the
 * lane's position to the end of the batch or, when a poison event stops the projection, to the
 * event before it. Returns how many events it applied, and the dead letters it recorded.
 */
export const applyBatch = async (
  store: ReadStore,
  lane: Lane,
  batch: readonly RecordedEvent[],
  policy: PoisonPolicy,
): Promise<AppliedBatch> => {
  const applied: AppliedBatch = { events: 0, deadLetters: [] };
  const last = batch[batch.length - 1];
  if (lane.failure || !last) return applied;
  const start = lane.position;
  const events = pendingFor(lane, batch);
  await loadDocuments(store, lane, events);
  const work = lane.work;
  for (const event of events) {
    const failed = applyEvent(lane.projection, work.docs, event);
    if (failed !== null) {
      applied.deadLetters.push({ eventId: event.id, reason: failed });
      work.deadLetters.push({
        op: 'put',
        collection: DEAD_LETTERS,
        doc: deadLetter(lane.projection.name, event, failed, policy.now()),
      });
      if (policy.onPoison === 'stop') {
        lane.failure = `event ${event.id} (${event.type}) at position ${positionToString(event.position)}: ${failed}`;
        return applied;
      }
    }
    lane.position = event.position;
    applied.events += 1;
  }
  // A lane ahead of the batch (the read starts from the slowest lane) stays where it is.
  if (start !== null && comparePositions(last.position, start) <= 0) return applied;
  lane.position = last.position;
  work.eventsSinceCommit += batch.length;
  return applied;
};

/**
 * Applies one event to each of its documents, or to none when evolve throws (returns the error
 * text). `evolve` is pure, so an event it cannot apply is not tried again: it would throw again.
 */
const applyEvent = (projection: AnyProjection, docs: Map<string, Doc | null>, event: RecordedEvent): string | null => {
  const projected = event as ProjectedEvent;
  const ids = projection.documentIds(projected);
  let next: (Doc | null)[];
  try {
    next = ids.map((id) => projection.evolve(docs.get(id) ?? null, projected, id));
  } catch (error) {
    return String((error as Error)?.message ?? error);
  }
  ids.forEach((id, index) => docs.set(id, next[index] ?? null));
  return null;
};

/**
 * Adds each affected document the lane's work does not hold yet, as stored (null when there is
 * none). A projection with a document per event has none stored before its event.
 */
const loadDocuments = async (store: ReadStore, lane: Lane, events: readonly RecordedEvent[]): Promise<void> => {
  if (lane.projection.documentPerEvent === true) return;
  const { docs, loaded } = lane.work;
  const written = lane.writtenIds;
  const toRead: string[] = [];
  for (const event of events) {
    for (const id of lane.projection.documentIds(event as ProjectedEvent)) {
      if (docs.has(id)) continue;
      docs.set(id, null);
      if (written === null || written.has(id)) toRead.push(id);
    }
  }
  if (toRead.length === 0) return;
  const stored = await store.getMany<Doc>(lane.collection, toRead);
  toRead.forEach((id, index) => {
    const doc = stored[index] ?? null;
    docs.set(id, doc);
    if (doc !== null) loaded.set(id, doc);
  });
};

const rememberWritten = (lane: Lane, id: string): void => {
  if (lane.writtenIds === null) return;
  if (lane.writtenIds.size < MAX_WRITTEN_IDS) lane.writtenIds.add(id);
  else lane.writtenIds = null;
};

/**
 * Takes the lane's uncommitted work as changes to commit with its checkpoint: puts and deletes
 * of the documents that changed, then its dead letters. `evolve` is pure, so a document it
 * handed back as it was given (the same object) is unchanged and is not written again.
 */
export const takeWork = (lane: Lane): DocumentChange[] => {
  const { docs, loaded, deadLetters } = lane.work;
  const writes: DocumentChange[] = [];
  for (const [id, doc] of docs) {
    const before = loaded.get(id) ?? null;
    if (doc === before) continue;
    if (doc) {
      writes.push({ op: 'put', collection: lane.collection, doc });
      rememberWritten(lane, id);
    } else if (before !== null) writes.push({ op: 'delete', collection: lane.collection, id });
  }
  lane.work = emptyWork();
  return writes.concat(deadLetters);
};
