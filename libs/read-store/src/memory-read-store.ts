import { TaskledgerError } from '@taskledger/errors';
import { assertCollectionName, parseIndexes, sameFields } from './identifiers';
import { findInMemory, matchesCondition, PlainDoc } from './memory-query';
import { Filter, FindQuery, FindResult, parseFilter, parseFindQuery } from './query';
import { collectionNotFound } from './read-store.errors';
import type {
  AnyDocument,
  Checkpoint,
  CollectionInfo,
  CollectionOptions,
  CommitReceipt,
  ReadStore,
  StoredDocument,
  UnitOfWork,
} from './read-store.port';
import { compareStrings } from './value-order';
import {
  assertId,
  checkCollectionsExist,
  checkExpectations,
  checkpointFrom,
  PreparedCheckpoint,
  PreparedUnit,
  prepareUnit,
  receiptOf,
} from './write-validation';
import { assertSortableValues } from './sort-values';

interface Entry {
  readonly json: string;
  readonly doc: PlainDoc;
}

interface MemoryCollection {
  readonly indexes: string[][];
  readonly docs: Map<string, Entry>;
}

const docOf = (entry: Entry): PlainDoc => entry.doc;
const parsed = <T>(entry: Entry | undefined): T | null => (entry === undefined ? null : (JSON.parse(entry.json) as T));

/**
 * The in-memory adapter for unit tests: the same semantics as the others (documents go through
 * JSON, so callers never share objects with the store). Indexes are only recorded.
 */
export class MemoryReadStore implements ReadStore {
  private readonly collections = new Map<string, MemoryCollection>();
  private readonly checkpoints = new Map<string, PreparedCheckpoint>();
  private closed = false;

  async ensureCollection(name: string, options: CollectionOptions = {}): Promise<void> {
    const collection = assertCollectionName(name);
    const indexes = parseIndexes(collection, options.indexes);
    this.assertOpen();
    const existing = this.collections.get(collection) ?? { indexes: [], docs: new Map<string, Entry>() };
    for (const index of indexes) {
      if (!existing.indexes.some((known) => sameFields(known, index))) existing.indexes.push(index);
    }
    this.collections.set(collection, existing);
  }

  async dropCollection(name: string): Promise<void> {
    const collection = assertCollectionName(name);
    this.assertOpen();
    this.collections.delete(collection);
  }

  async listCollections(): Promise<CollectionInfo[]> {
    this.assertOpen();
    return [...this.collections.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, collection]) => ({ name, indexes: collection.indexes.map((index) => [...index]) }));
  }

  async swapCollection(source: string, target: string): Promise<void> {
    await this.commit({ swaps: [{ source, target }] });
  }

  async get<T extends StoredDocument = AnyDocument>(collection: string, id: string): Promise<T | null> {
    return parsed<T>(this.docs(collection).get(assertId(collection, id)));
  }

  async getMany<T extends StoredDocument = AnyDocument>(
    collection: string,
    ids: readonly string[],
  ): Promise<(T | null)[]> {
    const docs = this.docs(collection);
    return ids.map((id) => parsed<T>(docs.get(assertId(collection, id))));
  }

  async put(collection: string, doc: StoredDocument): Promise<void> {
    await this.commit({ changes: [{ op: 'put', collection, doc }] });
  }

  async delete(collection: string, id: string): Promise<void> {
    await this.commit({ changes: [{ op: 'delete', collection, id }] });
  }

  async find<T extends StoredDocument = AnyDocument>(
    collection: string,
    query: FindQuery = {},
  ): Promise<FindResult<T>> {
    const parsedQuery = parseFindQuery(query);
    const { page, nextCursor } = findInMemory(this.docs(collection).values(), docOf, parsedQuery);
    assertSortableValues(collection, parsedQuery.sort, page.map(docOf));
    return { items: page.map((entry) => parsed<T>(entry) as T), nextCursor };
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    const conditions = parseFilter(filter);
    let matching = 0;
    for (const { doc } of this.docs(collection).values()) {
      if (conditions.every((condition) => matchesCondition(doc, condition))) matching += 1;
    }
    return matching;
  }

  async commit(unit: UnitOfWork): Promise<CommitReceipt> {
    const prepared = prepareUnit(unit);
    this.assertOpen();
    checkExpectations(prepared, (name) => this.checkpoints.get(name)?.checkpoint.revision ?? null);
    checkCollectionsExist(prepared, new Set(this.collections.keys()));
    this.apply(prepared);
    return receiptOf(prepared);
  }

  async getCheckpoint(name: string): Promise<Checkpoint | null> {
    this.assertOpen();
    const stored = this.checkpoints.get(name);
    return stored === undefined ? null : fromStored(stored);
  }

  async listCheckpoints(): Promise<Checkpoint[]> {
    this.assertOpen();
    return [...this.checkpoints.values()].map(fromStored).sort((a, b) => compareStrings(a.name, b.name));
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Cannot fail: everything was checked by prepareUnit and checkCollectionsExist. */
  private apply(unit: PreparedUnit): void {
    for (const name of unit.clear) this.docs(name).clear();
    for (const change of unit.changes) {
      const docs = this.docs(change.collection);
      if (change.op === 'put') docs.set(change.id, { json: change.json, doc: JSON.parse(change.json) as PlainDoc });
      else docs.delete(change.id);
    }
    for (const { source, target } of unit.swaps) {
      const rebuilt = this.collections.get(source) as MemoryCollection;
      this.collections.delete(source);
      this.collections.set(target, rebuilt);
    }
    for (const stored of unit.checkpoints) this.checkpoints.set(stored.checkpoint.name, stored);
    for (const name of unit.deleteCheckpoints) this.checkpoints.delete(name);
  }

  private docs(name: string): Map<string, Entry> {
    const collection = assertCollectionName(name);
    this.assertOpen();
    const found = this.collections.get(collection);
    if (found === undefined) throw collectionNotFound(collection);
    return found.docs;
  }

  private assertOpen(): void {
    if (this.closed) throw new TaskledgerError('StoreUnavailable', 'the memory read store is closed');
  }
}

const fromStored = ({ checkpoint, stateJson }: PreparedCheckpoint): Checkpoint =>
  checkpointFrom(checkpoint.name, checkpoint.position, checkpoint.version, stateJson, checkpoint.revision);
