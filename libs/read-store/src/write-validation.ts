import { TaskledgerError } from '@taskledger/errors';
import { randomUUID } from 'node:crypto';
import { assertCollectionName } from './identifiers';
import { checkpointConflict, collectionNotFound } from './read-store.errors';
import type {
  Checkpoint,
  CheckpointExpectation,
  CommitReceipt,
  CollectionSwap,
  DocumentChange,
  JsonValue,
  StoredDocument,
  UnitOfWork,
} from './read-store.port';

export type PreparedChange =
  | { readonly op: 'put'; readonly collection: string; readonly id: string; readonly json: string }
  | { readonly op: 'delete'; readonly collection: string; readonly id: string };

export interface PreparedCheckpoint {
  /** With the revision this write gives it. */
  readonly checkpoint: Checkpoint & { readonly revision: string };
  /** The state as JSON text, or null when the checkpoint has none. */
  readonly stateJson: string | null;
}

/** A unit of work with every document serialised and every name checked, before any write. */
export interface PreparedUnit {
  readonly expect: readonly CheckpointExpectation[];
  readonly clear: readonly string[];
  readonly changes: readonly PreparedChange[];
  readonly swaps: readonly CollectionSwap[];
  readonly checkpoints: readonly PreparedCheckpoint[];
  readonly deleteCheckpoints: readonly string[];
}

const invalidDocument = (collection: string, id: unknown, problem: string, cause?: unknown): TaskledgerError => {
  const shown = typeof id === 'string' ? JSON.stringify(id) : '(no valid id)';
  return new TaskledgerError(
    'InvalidDocument',
    `document ${shown} in "${collection}" ${problem}`,
    { collection, id },
    { cause },
  );
};

const invalidArgument = (problem: string, details: Record<string, unknown>): TaskledgerError =>
  new TaskledgerError('InvalidArgument', problem, details);

/** Serialises a document once; the JSON text is what every adapter stores and returns. */
export const serializeDocument = (collection: string, doc: StoredDocument): { id: string; json: string } => {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw invalidDocument(collection, undefined, 'is not a JSON object');
  }
  const id: unknown = doc.id;
  if (typeof id !== 'string' || id === '') throw invalidDocument(collection, id, 'needs a non-empty string id');
  const reserved = reservedField(doc);
  if (reserved !== null)
    throw invalidDocument(collection, id, `uses the reserved field name ${reserved} (_id, or starting with $)`);
  let json: string | undefined;
  try {
    json = JSON.stringify(doc);
  } catch (error) {
    throw invalidDocument(collection, id, `cannot be serialised as JSON (${(error as Error).message})`, error);
  }
  if (typeof json !== 'string' || !json.startsWith('{'))
    throw invalidDocument(collection, id, 'does not serialise to an object');
  return { id, json };
};

/** `_id` is MongoDB's key and top-level `$` names are MongoDB operators; all adapters refuse them alike. */
const reservedField = (doc: object): string | null => {
  for (const key in doc) if (key === '_id' || key.charCodeAt(0) === 36) return key;
  return null;
};

export const assertId = (collection: string, id: unknown): string => {
  if (typeof id === 'string') return id;
  throw invalidArgument(`document ids are strings, got ${typeof id} (collection "${collection}")`, { collection, id });
};

export const prepareCheckpoint = (checkpoint: Checkpoint): PreparedCheckpoint => {
  const { name, position, version, state } = checkpoint ?? {};
  if (typeof name !== 'string' || name === '')
    throw invalidArgument('a checkpoint needs a non-empty name', { checkpoint });
  if (position !== null && typeof position !== 'string') {
    throw invalidArgument(`checkpoint "${name}": position is a string or null`, { checkpoint: name });
  }
  if (!Number.isSafeInteger(version) || version < 0) {
    throw invalidArgument(`checkpoint "${name}": version is a non-negative integer`, { checkpoint: name });
  }
  const stateJson = state === undefined ? null : serializeState(name, state);
  const normalised = { name, position, version, revision: randomUUID() };
  return {
    checkpoint: stateJson === null ? normalised : { ...normalised, state: JSON.parse(stateJson) as JsonValue },
    stateJson,
  };
};

const serializeState = (name: string, state: JsonValue): string => {
  let json: string | undefined;
  try {
    json = JSON.stringify(state);
  } catch (error) {
    const message = `checkpoint "${name}": state cannot be serialised as JSON`;
    throw new TaskledgerError('InvalidArgument', message, { checkpoint: name }, { cause: error });
  }
  if (json === undefined) throw invalidArgument(`checkpoint "${name}": state is not JSON`, { checkpoint: name });
  return json;
};

/** Reads a checkpoint back from its stored parts. */
export const checkpointFrom = (
  name: string,
  position: string | null,
  version: number,
  stateJson: string | null,
  revision: string,
): Checkpoint =>
  stateJson === null
    ? { name, position, version, revision }
    : { name, position, version, state: JSON.parse(stateJson) as JsonValue, revision };

const prepareChange = (change: DocumentChange): PreparedChange => {
  const collection = assertCollectionName(change?.collection);
  if (change.op === 'put') return { op: 'put', collection, ...serializeDocument(collection, change.doc) };
  if (change.op === 'delete') return { op: 'delete', collection, id: assertId(collection, change.id) };
  throw invalidArgument(`unknown change op ${JSON.stringify((change as { op?: unknown }).op)}`, { collection });
};

const prepareSwap = (swap: CollectionSwap): CollectionSwap => {
  const source = assertCollectionName(swap?.source);
  const target = assertCollectionName(swap.target);
  if (source === target) throw invalidArgument(`cannot swap "${source}" with itself`, { source, target });
  return { source, target };
};

const prepareExpectation = (expectation: CheckpointExpectation): CheckpointExpectation => {
  const { name, revision } = expectation ?? {};
  if (typeof name !== 'string' || name === '')
    throw invalidArgument('an expectation names a checkpoint (a non-empty string)', { expectation });
  if (revision !== null && typeof revision !== 'string')
    throw invalidArgument(`expectation on checkpoint "${name}": revision is a string or null`, { checkpoint: name });
  return { name, revision };
};

export const prepareUnit = (unit: UnitOfWork): PreparedUnit => ({
  expect: (unit.expect ?? []).map(prepareExpectation),
  clear: (unit.clear ?? []).map((name) => assertCollectionName(name)),
  changes: (unit.changes ?? []).map(prepareChange),
  swaps: (unit.swaps ?? []).map(prepareSwap),
  checkpoints: (unit.checkpoints ?? []).map(prepareCheckpoint),
  deleteCheckpoints: (unit.deleteCheckpoints ?? []).map((name) => {
    if (typeof name === 'string' && name !== '') return name;
    throw invalidArgument('checkpoint names are non-empty strings', { checkpoint: name });
  }),
});

/**
 * Throws CheckpointConflict unless every expectation holds; `revisionOf` reads a checkpoint's
 * current revision (null: none) inside the adapter's write transaction.
 */
export const checkExpectations = (unit: PreparedUnit, revisionOf: (name: string) => string | null): void => {
  for (const { name, revision } of unit.expect) {
    const actual = revisionOf(name);
    if (actual !== revision) throw checkpointConflict(name, revision, actual);
  }
};

export const receiptOf = (unit: PreparedUnit): CommitReceipt => ({
  revisions: Object.fromEntries(unit.checkpoints.map(({ checkpoint }) => [checkpoint.name, checkpoint.revision])),
});

/** Checks that every changed collection exists, and each swap's source at its turn. */
export const checkCollectionsExist = (unit: PreparedUnit, existing: ReadonlySet<string>): void => {
  for (const name of unit.clear) if (!existing.has(name)) throw collectionNotFound(name);
  for (const change of unit.changes) if (!existing.has(change.collection)) throw collectionNotFound(change.collection);
  const names = new Set(existing);
  for (const { source, target } of unit.swaps) {
    if (!names.has(source)) throw collectionNotFound(source);
    names.delete(source);
    names.add(target);
  }
};
