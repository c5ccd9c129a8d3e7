import { randomUUID } from 'node:crypto';
import { TaskledgerError } from '@taskledger/errors';
import {
  AnyDocument,
  Checkpoint,
  CollectionInfo,
  CommitReceipt,
  countDocuments,
  Filter,
  FindQuery,
  FindResult,
  findDocuments,
  ReadStore,
  StoredDocument,
  UnitOfWork,
} from '@taskledger/read-store';

type Docs = Map<string, StoredDocument>;

const notFound = (name: string) =>
  new TaskledgerError('CollectionNotFound', `collection "${name}" does not exist; create it with ensureCollection`, {
    collection: name,
  });

/**
 * The read store an as-of fold writes into and answers from: documents are kept as the objects
 * it is handed and handed out as they are, without the JSON copies of MemoryReadStore (which
 * cost more than the fold itself). That is safe only for its owner: the fold's evolve functions
 * are pure and never change a document they are given, and AsOfReadStore copies what it hands on.
 */
export class FoldStore implements ReadStore {
  private readonly collections = new Map<string, Docs>();
  private readonly checkpoints = new Map<string, Checkpoint & { revision: string }>();

  async ensureCollection(name: string): Promise<void> {
    if (!this.collections.has(name)) this.collections.set(name, new Map());
  }
  async dropCollection(name: string): Promise<void> {
    this.collections.delete(name);
  }
  async listCollections(): Promise<CollectionInfo[]> {
    return [...this.collections.keys()].sort().map((name) => ({ name, indexes: [] }));
  }
  async swapCollection(): Promise<void> {
    throw new TaskledgerError('InvalidArgument', 'an as-of fold swaps no collections');
  }
  async get<T extends StoredDocument = AnyDocument>(collection: string, id: string): Promise<T | null> {
    return (this.docs(collection).get(id) as T | undefined) ?? null;
  }
  async getMany<T extends StoredDocument = AnyDocument>(collection: string, ids: readonly string[]) {
    const docs = this.docs(collection);
    return ids.map((id) => (docs.get(id) as T | undefined) ?? null);
  }
  async put(collection: string, doc: StoredDocument): Promise<void> {
    await this.commit({ changes: [{ op: 'put', collection, doc }] });
  }
  async delete(collection: string, id: string): Promise<void> {
    await this.commit({ changes: [{ op: 'delete', collection, id }] });
  }
  async find<T extends StoredDocument = AnyDocument>(collection: string, query?: FindQuery): Promise<FindResult<T>> {
    return findDocuments<T>(collection, this.docs(collection).values(), query);
  }
  async count(collection: string, filter?: Filter): Promise<number> {
    return countDocuments(this.docs(collection).values(), filter);
  }

  /** Applies the unit if its expectations hold (else CheckpointConflict, nothing applied). */
  async commit(unit: UnitOfWork): Promise<CommitReceipt> {
    for (const { name, revision } of unit.expect ?? []) {
      const actual = this.checkpoints.get(name)?.revision ?? null;
      if (actual !== revision)
        throw new TaskledgerError('CheckpointConflict', `checkpoint "${name}" is at ${actual}, not ${revision}`);
    }
    if ((unit.swaps ?? []).length > 0) await this.swapCollection();
    for (const change of unit.changes ?? []) this.docs(change.collection);
    for (const name of unit.clear ?? []) this.docs(name).clear();
    for (const change of unit.changes ?? []) {
      if (change.op === 'put') this.docs(change.collection).set(change.doc.id, change.doc);
      else this.docs(change.collection).delete(change.id);
    }
    const revisions: Record<string, string> = {};
    for (const checkpoint of unit.checkpoints ?? []) {
      const revision = randomUUID();
      this.checkpoints.set(checkpoint.name, { ...checkpoint, revision });
      revisions[checkpoint.name] = revision;
    }
    for (const name of unit.deleteCheckpoints ?? []) this.checkpoints.delete(name);
    return { revisions };
  }

  async getCheckpoint(name: string): Promise<Checkpoint | null> {
    return this.checkpoints.get(name) ?? null;
  }
  async listCheckpoints(): Promise<Checkpoint[]> {
    return [...this.checkpoints.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  async close(): Promise<void> {
    this.collections.clear();
  }

  private docs(name: string): Docs {
    const found = this.collections.get(name);
    if (found === undefined) throw notFound(name);
    return found;
  }
}
