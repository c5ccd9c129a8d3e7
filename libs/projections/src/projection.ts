import { EventEnvelope, EventOfType, LedgerEvent, LedgerEventType } from '@taskledger/events';

/** A read-model document: a JSON object (no Dates, no class instances) keyed by a string id. */
export interface Doc {
  id: string;
}

/** An event as a projection sees it: the decoded envelope plus where it sits in its stream. */
export type ProjectedEvent<E extends LedgerEvent = LedgerEvent> = EventEnvelope<E> & {
  streamName: string;
  revision: number;
};

/**
 * A projection: a pure fold of events into documents. The runtime owns I/O, batching,
 * checkpoints, idempotency and rebuilds; a projection only says which documents an event
 * touches and how each changes. `evolve` returning null deletes the document.
 */
export interface ProjectionDefinition<D extends Doc = Doc, T extends LedgerEventType = LedgerEventType> {
  /** snake_case; also the read-store collection the documents live in. */
  name: string;
  /** Bump to rebuild the read model from the first event (blue/green). */
  version: number;
  description: string;
  handles: readonly T[];
  documentIds(event: ProjectedEvent<EventOfType<T>>): readonly string[];
  /**
   * Called once per id of `documentIds(event)`, with that id: a projection that keeps several
   * kinds of document (e.g. per task and `_global`) needs it to create the right one from null.
   */
  evolve(doc: D | null, event: ProjectedEvent<EventOfType<T>>, documentId: string): D | null;
  /** Fields queries filter or sort on, one array per (compound) index. */
  indexes?: ReadonlyArray<readonly string[]>;
  /**
   * True when each event handled gets a document of its own, keyed by the event's id, that no
   * other event touches (a trail of events): none exists before its event is folded, so the
   * runtime never reads one from the store first. Default false.
   */
  documentPerEvent?: boolean;
}

/** The id of a read model's one overall document, beside its per-task or per-category ones. */
export const GLOBAL_DOC_ID = '_global';

/** Declares a projection; the identity function, there for type inference. */
export const defineProjection = <D extends Doc, T extends LedgerEventType>(
  definition: ProjectionDefinition<D, T>,
): ProjectionDefinition<D, T> => definition;

/**
 * Any projection, with its document and event types erased (for registries and the runtime).
 * Spelled out rather than `ProjectionDefinition<Doc, LedgerEventType>`: TypeScript measures
 * that generic as invariant in its event type, so no concrete projection would be assignable.
 */
export interface AnyProjection {
  name: string;
  version: number;
  description: string;
  handles: readonly LedgerEventType[];
  documentIds(event: ProjectedEvent): readonly string[];
  evolve(doc: Doc | null, event: ProjectedEvent, documentId: string): Doc | null;
  indexes?: ReadonlyArray<readonly string[]>;
  documentPerEvent?: boolean;
}
