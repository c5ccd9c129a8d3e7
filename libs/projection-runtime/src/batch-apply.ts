import { comparePositions, positionToString, RecordedEvent } from '@taskledger/event-store';
import { AnyProjection, Doc, ProjectedEvent } from '@taskledger/projections';
import { DocumentChange, ReadStore } from '@taskledger/read-store';
import { DEAD_LETTERS, deadLetter } from './dead-letters';
import { Lane } from './lanes';

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
const pendingFor = (lane: Lane, batch: readonly RecordedEvent[]): RecordedEvent[] =>
  batch.filter(
    (event) =>
      (lane.position === null || comparePositions(event.position, lane.position) > 0) &&
      (lane.projection.handles as readonly string[]).includes(event.type),
  );

const tryEvolve = (projection: AnyProjection, doc: Doc | null, event: RecordedEvent, id: string, attempts: number) => {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    try {
      return { doc: projection.evolve(doc, event as ProjectedEvent, id), error: null };
    } catch (error) {
      lastError = error;
    }
  }
  return { doc, error: lastError };
};

/**
 * Applies a batch to one lane: loads every affected document once, folds the events in order,
 * and returns the document writes (plus dead letters). Advances the lane's position to the end
 * of the batch, or, when a poison event stops the projection, to the event before it.
 */
export const applyBatch = async (store: ReadStore, lane: Lane, batch: readonly RecordedEvent[], policy: PoisonPolicy): Promise<LaneBatchResult> => {
  const last = batch[batch.length - 1];
  if (lane.failure || !last) return { changes: [], applied: 0 };
  const events = pendingFor(lane, batch);
  const docs = await loadDocuments(store, lane, events);
  const existed = new Set([...docs].filter(([, doc]) => doc !== null).map(([id]) => id));
  const deadLetters: DocumentChange[] = [];
  let applied = 0;
  for (const event of events) {
    const failed = applyEvent(lane.projection, docs, event, policy.attempts);
    if (failed !== null) {
      deadLetters.push({ op: 'put', collection: DEAD_LETTERS, doc: deadLetter(lane.projection.name, event, failed, policy.now()) });
      if (policy.onPoison === 'stop') {
        lane.failure = `event ${event.id} (${event.type}) at position ${positionToString(event.position)}: ${failed}`;
        return { changes: [...documentWrites(lane, docs, existed), ...deadLetters], applied };
      }
    }
    lane.position = event.position;
    applied += 1;
  }
  lane.position = last.position;
  return { changes: [...documentWrites(lane, docs, existed), ...deadLetters], applied };
};

/** Applies one event to each of its documents; returns the error text when evolve keeps failing. */
const applyEvent = (projection: AnyProjection, docs: Map<string, Doc | null>, event: RecordedEvent, attempts: number): string | null => {
  const ids = projection.documentIds(event as ProjectedEvent);
  const results = ids.map((id) => ({ id, ...tryEvolve(projection, docs.get(id) ?? null, event, id, attempts) }));
  const failure = results.find((result) => result.error !== null);
  if (failure) return String((failure.error as Error)?.message ?? failure.error);
  results.forEach((result) => docs.set(result.id, result.doc));
  return null;
};

const loadDocuments = async (store: ReadStore, lane: Lane, events: readonly RecordedEvent[]): Promise<Map<string, Doc | null>> => {
  const ids = [...new Set(events.flatMap((event) => lane.projection.documentIds(event as ProjectedEvent)))];
  const loaded = ids.length === 0 ? [] : await store.getMany<Doc>(lane.collection, ids);
  return new Map(ids.map((id, index) => [id, loaded[index] ?? null]));
};

const documentWrites = (lane: Lane, docs: Map<string, Doc | null>, existed: Set<string>): DocumentChange[] =>
  [...docs].flatMap(([id, doc]): DocumentChange[] => {
    if (doc) return [{ op: 'put', collection: lane.collection, doc }];
    return existed.has(id) ? [{ op: 'delete', collection: lane.collection, id }] : [];
  });
