import { EventOfType, LedgerEventType } from '@taskledger/events';
import { Doc, ProjectedEvent, ProjectionDefinition } from '../projection';

/** Freezes a value and everything reachable from it, so a write anywhere throws (strict mode). */
export const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
};

type Handled<T extends LedgerEventType> = ProjectedEvent<EventOfType<T>>;

const handledBy = <D extends Doc, T extends LedgerEventType>(
  projection: ProjectionDefinition<D, T>,
  events: readonly ProjectedEvent[],
) => events.filter((event): event is Handled<T> => (projection.handles as readonly string[]).includes(event.type));

const uniqueIds = (ids: readonly string[]): string[] => [...new Set(ids)];

/**
 * Applies one event to the working documents, as the runtime does: evolve once per document id,
 * with the document and the event deep-frozen so any mutation of an input throws.
 */
const applyEvent = <D extends Doc, T extends LedgerEventType>(
  projection: ProjectionDefinition<D, T>,
  docs: Map<string, D | null>,
  event: Handled<T>,
): void => {
  deepFreeze(event);
  for (const id of uniqueIds(projection.documentIds(event))) {
    docs.set(id, projection.evolve(deepFreeze(docs.get(id) ?? null), event, id));
  }
};

const withoutDeleted = <D extends Doc>(docs: ReadonlyMap<string, D | null>): Map<string, D> =>
  new Map([...docs].filter((entry): entry is [string, D] => entry[1] !== null));

/** Folds every handled event in one pass, in memory: the reference result. */
export const foldAll = <D extends Doc, T extends LedgerEventType>(
  projection: ProjectionDefinition<D, T>,
  events: readonly ProjectedEvent[],
): Map<string, D> => {
  const docs = new Map<string, D | null>();
  handledBy(projection, events).forEach((event) => applyEvent(projection, docs, event));
  return withoutDeleted(docs);
};

/** A read store as JSON text, the way a real one hands documents back. */
type TextStore = Map<string, string>;

const runBatch = <D extends Doc, T extends LedgerEventType>(
  projection: ProjectionDefinition<D, T>,
  store: TextStore,
  batch: readonly Handled<T>[],
): Map<string, D | null> => {
  const ids = uniqueIds(batch.flatMap((event) => projection.documentIds(event)));
  const working = new Map<string, D | null>(ids.map((id) => [id, loadDoc<D>(store, id)]));
  batch.forEach((event) => applyEvent(projection, working, event));
  return working;
};

const loadDoc = <D>(store: TextStore, id: string): D | null => {
  const text = store.get(id);
  return text === undefined ? null : (JSON.parse(text) as D);
};

const commit = <D extends Doc>(store: TextStore, changes: ReadonlyMap<string, D | null>): void => {
  changes.forEach((doc, id) => (doc === null ? store.delete(id) : store.set(id, JSON.stringify(doc))));
};

const batchesOf = <E>(events: readonly E[], splits: readonly number[]): E[][] => {
  const cuts = [...new Set(splits.filter((cut) => cut > 0 && cut < events.length))].sort((a, b) => a - b);
  return [0, ...cuts].map((from, i) => events.slice(from, cuts[i] ?? events.length));
};

/**
 * Folds like the projection runtime: handled events cut into batches at `splits` (indexes into
 * the handled events); per batch each affected document is loaded once from a JSON-text store,
 * evolved for each event in order, then written back. A batch listed in `crashes` is evaluated
 * and thrown away (a stop before the atomic write), then re-run after the "restart".
 */
export const foldInBatches = <D extends Doc, T extends LedgerEventType>(
  projection: ProjectionDefinition<D, T>,
  events: readonly ProjectedEvent[],
  splits: readonly number[],
  crashes: readonly number[] = [],
): Map<string, D> => {
  const store: TextStore = new Map();
  batchesOf(handledBy(projection, events), splits).forEach((batch, index) => {
    if (crashes.includes(index)) runBatch(projection, store, batch);
    commit(store, runBatch(projection, store, batch));
  });
  return new Map([...store.keys()].map((id) => [id, loadDoc<D>(store, id)!]));
};

/** Documents as one JSON text, ordered by id: equal texts mean byte-identical read models. */
export const serialiseDocs = (docs: ReadonlyMap<string, Doc>): string =>
  JSON.stringify([...docs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
