import { TaskledgerError } from '@taskledger/errors';
import { randomUUID } from 'node:crypto';
import type { Db, MongoClient } from 'mongodb';
import { assertCollectionName, isCollectionName, parseIndexes } from './identifiers';
import { KnownCollections } from './mongodb-collections';
import {
  isNamespaceExists,
  isNamespaceNotFound,
  loadDriver,
  mongoError,
  retryIfCursorKilled,
} from './mongodb-connection';
import {
  declaredIndexFields,
  indexDescription,
  positionOf,
  toMongoFilter,
  toMongoFind,
  WITHOUT_MONGO_ID,
} from './mongodb-query';
import { completePendingSwap, pendingSwapError, readCheckpoints } from './mongodb-swap';
import { CHECKPOINTS, commitUnit, fromRecord, PENDING } from './mongodb-unit-of-work';
import { Filter, FindQuery, FindResult, parseFilter, parseFindQuery } from './query';
import { encodeCursor, sortSignature } from './query-cursor';

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
import { assertId, checkCollectionsExist, prepareUnit, receiptOf } from './write-validation';
import { assertSortableValues } from './sort-values';

export interface MongoReadStoreOptions {
  /** Connection string. Transactions need a replica set (docker-compose runs a single-node one). */
  readonly url: string;
  /** Database holding the read models. Default: the one named in the URL, else the driver's ('test'). */
  readonly database?: string;
  /** How long to look for a server before failing with StoreUnavailable. Default 5000 ms. */
  readonly serverSelectionTimeoutMs?: number;
}

const GET_MANY_CHUNK = 10_000;
const ignoreIf = (test: (error: unknown) => boolean) => (error: unknown) => {
  if (!test(error)) throw error;
};

/**
 * The production read store: a MongoDB collection per collection, documents keyed by `_id` =
 * id. A unit of work is a session transaction (bulkWrite per collection); a swap is
 * renameCollection with dropTarget, completed crash-safely with the checkpoints.
 */
export class MongoReadStore implements ReadStore {
  /** Keeps a transaction well inside MongoDB's 60 s lifetime and the storage engine's cache. */
  readonly maxUnitOfWorkChanges = 10_000;
  private readonly collections: KnownCollections;
  /** Names this process as the owner of the swaps it completes. */
  private readonly owner = randomUUID();
  private closed = false;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly url: string,
  ) {
    this.collections = new KnownCollections(db);
  }

  static async connect(options: MongoReadStoreOptions): Promise<MongoReadStore> {
    const { MongoClient } = loadDriver();
    let client: MongoClient | undefined;
    try {
      client = new MongoClient(options.url, { serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5000 });
      await client.connect();
      const store = new MongoReadStore(client, client.db(options.database), options.url);
      for (const name of [CHECKPOINTS, PENDING])
        await store.db.createCollection(name).catch(ignoreIf(isNamespaceExists));
      await completePendingSwap(client, store.db, store.owner);
      return store;
    } catch (error) {
      await client?.close();
      throw mongoError(options.url, error);
    }
  }

  async ensureCollection(name: string, options: CollectionOptions = {}): Promise<void> {
    const collection = assertCollectionName(name);
    const indexes = parseIndexes(collection, options.indexes);
    await this.guard(async () => {
      await this.db.createCollection(collection).catch(ignoreIf(isNamespaceExists));
      if (indexes.length > 0) await this.db.collection(collection).createIndexes(indexes.map(indexDescription));
      this.collections.created(collection);
    });
  }

  async dropCollection(name: string): Promise<void> {
    const collection = assertCollectionName(name);
    await this.guard(() => this.db.dropCollection(collection).catch(ignoreIf(isNamespaceNotFound)));
    this.collections.dropped(collection);
  }

  async listCollections(): Promise<CollectionInfo[]> {
    return this.guard(async () => {
      const infos = await this.db.listCollections({}, { nameOnly: true }).toArray();
      const names = infos
        .map((info) => info.name)
        .filter(isCollectionName)
        .sort();
      return Promise.all(
        names.map(async (name) => ({
          name,
          indexes: declaredIndexFields(await this.db.collection(name).listIndexes().toArray()),
        })),
      );
    });
  }

  async swapCollection(source: string, target: string): Promise<void> {
    await this.commit({ swaps: [{ source, target }] });
  }

  async get<T extends StoredDocument = AnyDocument>(collection: string, id: string): Promise<T | null> {
    const key = assertId(collection, id);
    return this.guard(async () => {
      const docs = await this.collections.existing(collection);
      return (await docs.findOne({ _id: key }, { projection: WITHOUT_MONGO_ID })) as T | null;
    });
  }

  async getMany<T extends StoredDocument = AnyDocument>(
    collection: string,
    ids: readonly string[],
  ): Promise<(T | null)[]> {
    const keys = ids.map((id) => assertId(collection, id));
    const unique = [...new Set(keys)];
    const found = new Map<string, unknown>();
    await this.guard(async () => {
      const docs = await this.collections.existing(collection);
      for (let start = 0; start < unique.length; start += GET_MANY_CHUNK) {
        const chunk = unique.slice(start, start + GET_MANY_CHUNK);
        const read = () => docs.find({ _id: { $in: chunk } }, { projection: WITHOUT_MONGO_ID }).toArray();
        for (const doc of await retryIfCursorKilled(read)) found.set(doc['id'], doc);
      }
    });
    const handedOut = new Set<string>();
    return keys.map((id) => {
      const doc = found.get(id);
      if (doc === undefined) return null;
      if (handedOut.has(id)) return structuredClone(doc) as T;
      handedOut.add(id);
      return doc as T;
    });
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
    const parsed = parseFindQuery(query);
    const { filter, ...options } = toMongoFind(parsed);
    const rows = await this.guard(async () => {
      const docs = await this.collections.existing(collection);
      return retryIfCursorKilled(() => docs.find(filter, { projection: WITHOUT_MONGO_ID, ...options }).toArray());
    });
    const pageSize = parsed.limit ?? rows.length;
    assertSortableValues(collection, parsed.sort, rows.slice(0, pageSize));
    const last = rows.length > pageSize ? rows[pageSize - 1] : undefined;
    const nextCursor =
      last === undefined ? null : encodeCursor(sortSignature(parsed.sort), positionOf(last, parsed.sort));
    return { items: rows.slice(0, pageSize) as unknown as T[], nextCursor };
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    const conditions = parseFilter(filter);
    return this.guard(async () =>
      (await this.collections.existing(collection)).countDocuments(toMongoFilter(conditions)),
    );
  }

  async commit(unit: UnitOfWork): Promise<CommitReceipt> {
    const prepared = prepareUnit(unit);
    await this.guard(async () => {
      this.collections.swapped(await completePendingSwap(this.client, this.db, this.owner));
      checkCollectionsExist(prepared, await this.collections.existingAmong(prepared));
      await commitUnit(this.client, this.db, prepared, this.owner).catch((error: unknown) => {
        throw pendingSwapError(error);
      });
      if (prepared.swaps.length > 0)
        this.collections.swapped(await completePendingSwap(this.client, this.db, this.owner));
    });
    return receiptOf(prepared);
  }

  async getCheckpoint(name: string): Promise<Checkpoint | null> {
    return this.guard(async () => {
      const [record] = await readCheckpoints(this.db, { _id: name });
      return record === undefined ? null : fromRecord(record);
    });
  }

  async listCheckpoints(): Promise<Checkpoint[]> {
    return this.guard(async () => (await readCheckpoints(this.db)).map(fromRecord));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    if (this.closed) throw new TaskledgerError('StoreUnavailable', 'the MongoDB read store is closed');
    try {
      return await operation();
    } catch (error) {
      throw mongoError(this.url, error);
    }
  }
}
