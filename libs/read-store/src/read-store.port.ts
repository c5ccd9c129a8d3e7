import type { Filter, FindQuery, FindResult } from './query';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A stored document: a plain JSON object with a string `id`. Documents are normalised through
 * JSON (undefined properties dropped, as JSON.stringify does) and read back with the same key
 * order. Top-level `_id` and `$`-prefixed field names are reserved. (The union accepts both
 * interface-typed documents and object literals with more fields than `id`.)
 */
export type StoredDocument = { readonly id: string } | AnyDocument;

/** What reads return when the caller names no type. */
export type AnyDocument = { readonly id: string; readonly [field: string]: unknown };

/** A projection's progress, saved atomically with the documents it produced. */
export interface Checkpoint {
  readonly name: string;
  /** Opaque serialised event-store position of the last applied event; null before the first. */
  readonly position: string | null;
  readonly version: number;
  /** Free JSON bookkeeping for the runtime; absent when not given. */
  readonly state?: JsonValue;
  /**
   * Changes on every write of this checkpoint (a fresh random token, never reused): what a
   * unit of work names in `expect` to commit only if nobody else wrote the checkpoint since it
   * was read. Assigned by the store: a value given when writing is ignored.
   */
  readonly revision?: string;
}

/** A unit of work's condition: the checkpoint's revision is still this one (null: there is no such checkpoint). */
export interface CheckpointExpectation {
  readonly name: string;
  readonly revision: string | null;
}

/** What a committed unit of work wrote. */
export interface CommitReceipt {
  /** The new revision of each checkpoint the unit wrote, by checkpoint name. */
  readonly revisions: Readonly<Record<string, string>>;
}

export type DocumentChange =
  | { readonly op: 'put'; readonly collection: string; readonly doc: StoredDocument }
  | { readonly op: 'delete'; readonly collection: string; readonly id: string };

/** `target` is replaced by `source` (its documents and indexes); `source` is gone afterwards. */
export interface CollectionSwap {
  readonly source: string;
  readonly target: string;
}

/**
 * Everything in a unit of work commits atomically or not at all. Its expectations are checked
 * first; then collections are cleared, changes apply in order, then swaps in order, then
 * checkpoint writes and deletes. Every collection named must exist.
 *
 * Several processes may fold the same events into the same read models at once: each names the
 * checkpoint revision its work started from in `expect`, so only the first commit of the same
 * events succeeds and the others fail with TaskledgerError('CheckpointConflict'), writing nothing.
 */
export interface UnitOfWork {
  /** Commit only if every named checkpoint is still at this revision (compare-and-set). */
  readonly expect?: readonly CheckpointExpectation[];
  /** Collections whose documents are all deleted (their indexes are kept). */
  readonly clear?: readonly string[];
  readonly changes?: readonly DocumentChange[];
  readonly swaps?: readonly CollectionSwap[];
  readonly checkpoints?: readonly Checkpoint[];
  readonly deleteCheckpoints?: readonly string[];
}

export interface CollectionOptions {
  /**
   * Indexes on top-level fields, e.g. `[['status'], ['taskId', 'timestamp']]`; the id is
   * appended to each as the tie-break. Missing ones are created, existing ones are kept
   * (none are dropped). Default: none besides the id.
   */
  readonly indexes?: readonly (readonly string[])[];
  /**
   * Declare the indexes but build them later, when `ensureCollection` is called again without
   * this: for a collection about to be filled from empty, where one build at the end costs far
   * less than keeping every index up to date row by row. Queries answer meanwhile, only slower.
   * Adapters whose indexes cost little to maintain may build them at once.
   */
  readonly deferIndexes?: boolean;
}

export interface CollectionInfo {
  readonly name: string;
  readonly indexes: string[][];
}

/**
 * JSON document collections plus projection checkpoints. Collection names are lower-case
 * identifiers (`[a-z][a-z0-9_-]*`); using a collection that was never ensured fails with
 * TaskledgerError('CollectionNotFound').
 */
export interface ReadStore {
  /**
   * The most document changes one unit of work should hold: more may fail or time out (a
   * MongoDB transaction lives at most 60 s by default). Writers that build large units, such as
   * a catch-up, split their work to stay within it. Absent: no limit.
   */
  readonly maxUnitOfWorkChanges?: number;
  /** Creates the collection and any missing declared indexes; idempotent. */
  ensureCollection(name: string, options?: CollectionOptions): Promise<void>;
  /** Drops the collection and its indexes; a missing collection is a no-op. */
  dropCollection(name: string): Promise<void>;
  /** Every collection with its declared indexes, sorted by name. */
  listCollections(): Promise<CollectionInfo[]>;
  /** `commit({ swaps: [{ source, target }] })`. */
  swapCollection(source: string, target: string): Promise<void>;

  get<T extends StoredDocument = AnyDocument>(collection: string, id: string): Promise<T | null>;
  /** One result per requested id, in the same order; null where no document has that id. */
  getMany<T extends StoredDocument = AnyDocument>(collection: string, ids: readonly string[]): Promise<(T | null)[]>;
  /** Inserts or replaces the document with the same id. */
  put(collection: string, doc: StoredDocument): Promise<void>;
  /** Deleting a missing document is a no-op. */
  delete(collection: string, id: string): Promise<void>;
  find<T extends StoredDocument = AnyDocument>(collection: string, query?: FindQuery): Promise<FindResult<T>>;
  count(collection: string, filter?: Filter): Promise<number>;

  /** Fails with TaskledgerError('CheckpointConflict'), writing nothing, when an expectation does not hold. */
  commit(unit: UnitOfWork): Promise<CommitReceipt>;
  getCheckpoint(name: string): Promise<Checkpoint | null>;
  /** Sorted by name. */
  listCheckpoints(): Promise<Checkpoint[]>;

  close(): Promise<void>;
}
