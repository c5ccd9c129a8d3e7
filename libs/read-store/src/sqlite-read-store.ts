import { defined, TaskledgerError } from '@taskledger/errors';
import type Database from 'better-sqlite3';
import { assertCollectionName, parseIndexes } from './identifiers';
import { Filter, FindQuery, FindResult, parseFilter, parseFindQuery } from './query';
import { encodeCursor, sortSignature } from './query-cursor';

import type {
  AnyDocument,
  Checkpoint,
  CollectionInfo,
  CollectionOptions,
  CommitReceipt,
  DocumentChange,
  ReadStore,
  StoredDocument,
  UnitOfWork,
} from './read-store.port';
import { openSqliteDatabase, SqliteFile, sqliteFailure } from '@taskledger/sqlite';
import { collectionNotFound } from './read-store.errors';
import { countSql, findSql } from './sqlite-query';
import {
  CheckpointStatements,
  DocStatements,
  prepareCheckpointStatements,
  prepareDocStatements,
  putDocument,
} from './sqlite-statements';
import {
  dropCollectionTables,
  ensureCollectionTables,
  initialiseSchema,
  listCollectionInfos,
  swapCollectionTables,
} from './sqlite-schema';
import { assertId, checkExpectations, checkpointFrom, PreparedUnit, prepareUnit, receiptOf } from './write-validation';
import { assertSortableValues } from './sort-values';

export interface SqliteReadStoreOptions {
  /** How long a write waits for another connection's lock before failing with StoreBusy. Default 5000 ms. */
  busyTimeoutMs?: number;
}

type FindRow = { id: string; doc: string } & Record<string, string | number | null>;

const QUERY_CACHE_SIZE = 200;

/**
 * The embedded read store: a table of JSON text per collection in one SQLite file (WAL), which
 * may be the event store's file, with indexed fields copied into columns. A unit of work is one
 * immediate transaction over statements prepared once per collection (again whenever any
 * connection changed the schema); swaps are table renames inside that transaction.
 */
export class SqliteReadStore implements ReadStore {
  private readonly db: Database.Database;
  private readonly file: SqliteFile;
  private readonly docStatements = new Map<string, DocStatements>();
  private readonly queryStatements = new Map<string, Database.Statement>();
  private readonly commitTransaction: Database.Transaction<
    (unit: PreparedUnit, changes: readonly DocumentChange[]) => void
  >;
  private readonly readTransaction: Database.Transaction<(read: () => unknown) => unknown>;
  private readonly checkpointSql: CheckpointStatements;
  private readonly schemaVersion: Database.Statement<[], number>;
  /** The schema version the cached statements were prepared against. */
  private preparedAtSchema: number | null = null;
  private closed = false;

  constructor(
    readonly path: string,
    options: SqliteReadStoreOptions = {},
  ) {
    this.file = { path, label: 'read store database', busyTimeoutMs: options.busyTimeoutMs ?? 5000 };
    this.db = openSqliteDatabase(this.file);
    try {
      initialiseSchema(this.db);
      this.checkpointSql = prepareCheckpointStatements(this.db);
      this.schemaVersion = this.db.prepare<[], number>('PRAGMA schema_version').pluck();
    } catch (error) {
      this.db.close();
      throw storeFailure(this.file, error);
    }
    this.commitTransaction = this.db.transaction((unit: PreparedUnit, changes: readonly DocumentChange[]) => {
      this.checkSchema();
      this.apply(unit, changes);
    });
    this.readTransaction = this.db.transaction((read: () => unknown) => {
      this.checkSchema();
      return read();
    });
  }

  async ensureCollection(name: string, options: CollectionOptions = {}): Promise<void> {
    const collection = assertCollectionName(name);
    const indexes = parseIndexes(collection, options.indexes);
    this.changeSchema(() => ensureCollectionTables(this.db, collection, indexes, options.deferIndexes));
  }

  async dropCollection(name: string): Promise<void> {
    const collection = assertCollectionName(name);
    this.changeSchema(() => dropCollectionTables(this.db, collection));
  }

  async listCollections(): Promise<CollectionInfo[]> {
    return this.guard(() => listCollectionInfos(this.db));
  }

  async swapCollection(source: string, target: string): Promise<void> {
    await this.commit({ swaps: [{ source, target }] });
  }

  async get<T extends StoredDocument = AnyDocument>(collection: string, id: string): Promise<T | null> {
    const json = this.guard(() => this.statements(collection).get.get(assertId(collection, id)));
    return json === undefined ? null : (JSON.parse(json) as T);
  }

  async getMany<T extends StoredDocument = AnyDocument>(
    collection: string,
    ids: readonly string[],
  ): Promise<(T | null)[]> {
    const keys = ids.map((id) => assertId(collection, id));
    const rows = this.guard(() => this.statements(collection).getMany.all(JSON.stringify(keys)));
    const found = new Map(rows.map((row) => [row.id, row.doc]));
    return keys.map((id) => {
      const json = found.get(id);
      return json === undefined ? null : (JSON.parse(json) as T);
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
    const name = assertCollectionName(collection);
    const parsed = parseFindQuery(query);
    const rows = this.read(() => {
      const { sql, params } = findSql(name, parsed, this.statements(name).columns);
      return this.cached(sql).all(...params) as FindRow[];
    });
    const limit = parsed.limit ?? rows.length;
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    const nextCursor =
      last === undefined
        ? null
        : encodeCursor(sortSignature(parsed.sort), {
            values: parsed.sort.slice(0, -1).map((_, index) => last[`k${index}`]),
            id: last.id,
          });
    const items = rows.slice(0, limit).map((row) => JSON.parse(row.doc) as T & Record<string, unknown>);
    assertSortableValues(name, parsed.sort, items);
    return { items, nextCursor };
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    const name = assertCollectionName(collection);
    const conditions = parseFilter(filter);
    return this.read(() => {
      const { sql, params } = countSql(name, conditions, this.statements(name).columns);
      return this.cached(sql)
        .pluck()
        .get(...params) as number;
    });
  }

  async commit(unit: UnitOfWork): Promise<CommitReceipt> {
    const prepared = prepareUnit(unit);
    this.guard(() => this.commitTransaction.immediate(prepared, unit.changes ?? []));
    if (prepared.swaps.length > 0) this.forgetStatements();
    return receiptOf(prepared);
  }

  async getCheckpoint(name: string): Promise<Checkpoint | null> {
    const row = this.guard(() => this.checkpointSql.get.get(name));
    return row === undefined ? null : checkpointFrom(row.name, row.position, row.version, row.state, row.revision);
  }

  async listCheckpoints(): Promise<Checkpoint[]> {
    const rows = this.guard(() => this.checkpointSql.list.all());
    return rows.map((row) => checkpointFrom(row.name, row.position, row.version, row.state, row.revision));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  /** `changes` are the unit's changes as given, in the same order as the prepared ones. */
  private apply(unit: PreparedUnit, changes: readonly DocumentChange[]): void {
    checkExpectations(unit, (name) => this.checkpointSql.revision.get(name) ?? null);
    for (const name of unit.clear) this.statements(name).clear.run();
    unit.changes.forEach((change, index) => {
      const statements = this.statements(change.collection);
      if (change.op === 'put')
        putDocument(statements, change.id, change.json, (changes[index] as { doc: Record<string, unknown> }).doc);
      else statements.remove.run(change.id);
    });
    for (const swap of unit.swaps) swapCollectionTables(this.db, swap);
    for (const { checkpoint, stateJson } of unit.checkpoints) {
      this.checkpointSql.save.run(
        checkpoint.name,
        checkpoint.position,
        checkpoint.version,
        stateJson,
        checkpoint.revision,
      );
    }
    for (const name of unit.deleteCheckpoints) this.checkpointSql.remove.run(name);
  }

  private statements(collection: string): DocStatements {
    const name = assertCollectionName(collection);
    const cached = this.docStatements.get(name);
    if (cached !== undefined) return cached;
    const statements = prepareDocStatements(this.db, name);
    this.docStatements.set(name, statements);
    return statements;
  }

  private cached(sql: string): Database.Statement {
    const found = this.queryStatements.get(sql);
    if (found !== undefined) return found;
    const statement = this.db.prepare(sql);
    if (this.queryStatements.size >= QUERY_CACHE_SIZE) this.queryStatements.clear();
    this.queryStatements.set(sql, statement);
    return statement;
  }

  /** Another connection may have changed the schema (e.g. added field columns): prepare again if so. */
  private checkSchema(): void {
    const version = defined(this.schemaVersion.get(), 'PRAGMA schema_version');
    if (version !== this.preparedAtSchema) this.forgetStatements();
    this.preparedAtSchema = version;
  }

  /** Reads in one snapshot, so the schema checked is the schema the query runs against. */
  private read<T>(read: () => T): T {
    return this.guard(() => this.readTransaction.deferred(read) as T);
  }

  private changeSchema(change: () => void): void {
    this.guard(() => this.db.transaction(change).immediate());
    this.forgetStatements();
  }

  private forgetStatements(): void {
    this.docStatements.clear();
    this.queryStatements.clear();
  }

  private guard<T>(operation: () => T): T {
    if (this.closed)
      throw new TaskledgerError('StoreUnavailable', `read store database ${this.path} is closed`, { path: this.path });
    try {
      return operation();
    } catch (error) {
      throw storeFailure(this.file, error);
    }
  }
}

/** SQLite's failures as typed errors naming the file; a missing table is a collection never ensured. */
const storeFailure = (file: SqliteFile, error: unknown): unknown => {
  const missing = /no such table: (?:main\.)?rs_([a-z][a-z0-9_-]*)/.exec((error as Error | null)?.message ?? '');
  return missing?.[1] === undefined ? sqliteFailure(file, error) : collectionNotFound(missing[1]);
};
