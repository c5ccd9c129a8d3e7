import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { sameFields } from './identifiers';
import { collectionNotFound } from './read-store.errors';
import type { CollectionInfo, CollectionSwap } from './read-store.port';
import { addFieldColumns, isExpressionIndex } from './sqlite-columns';
import { createIndexSql, tableName } from './sqlite-query';

/**
 * Tables: `rs_<collection>` per collection (id, JSON text, and one column per indexed field: see
 * sqlite-columns.ts), `rs__collections` (declared indexes) and
 * `rs__checkpoints`. Collection names start with a letter, so they never collide with the
 * `rs__` tables, and the `rs_` prefix keeps clear of the event store's tables in a shared file.
 */
export const initialiseSchema = (db: Database.Database): void => {
  db.exec(`
    CREATE TABLE IF NOT EXISTS rs__collections (name TEXT PRIMARY KEY NOT NULL, indexes TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS rs__checkpoints (
      name TEXT PRIMARY KEY NOT NULL, position TEXT, version INTEGER NOT NULL, state TEXT, revision TEXT NOT NULL
    ) WITHOUT ROWID;
  `);
  addCheckpointRevisions(db);
};

/** Files written before checkpoints had revisions get the column, and a revision for each checkpoint. */
const addCheckpointRevisions = (db: Database.Database): void => {
  const columns = db.prepare("SELECT name FROM pragma_table_info('rs__checkpoints')").pluck().all() as string[];
  if (columns.includes('revision')) return;
  db.transaction(() => {
    const again = db.prepare("SELECT name FROM pragma_table_info('rs__checkpoints')").pluck().all() as string[];
    if (again.includes('revision')) return;
    db.exec(`ALTER TABLE rs__checkpoints ADD COLUMN revision TEXT NOT NULL DEFAULT ''`);
    db.exec(`UPDATE rs__checkpoints SET revision = lower(hex(randomblob(16)))`);
  }).immediate();
};

interface StoredIndex {
  readonly name: string;
  readonly fields: string[];
}

const storedIndexes = (db: Database.Database, collection: string): StoredIndex[] | null => {
  const row = db.prepare('SELECT indexes FROM rs__collections WHERE name = ?').pluck().get(collection) as
    string | undefined;
  return row === undefined ? null : (JSON.parse(row) as StoredIndex[]);
};

const saveIndexes = (db: Database.Database, collection: string, indexes: readonly StoredIndex[]): void => {
  db.prepare(
    'INSERT INTO rs__collections (name, indexes) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET indexes = excluded.indexes',
  ).run(collection, JSON.stringify(indexes));
};

/**
 * Index names carry a random suffix: a swap renames the table but not its indexes, so a name
 * derived from the collection alone could clash when that collection name is used again.
 */
const indexName = (collection: string, fields: readonly string[]): string =>
  `rs_ix_${collection}_${fields.join('_')}_${randomBytes(4).toString('hex')}`;

const indexExists = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(name) !== undefined;

/**
 * Creates the index on the fields' columns, adding (and filling) any missing column first;
 * `defer` adds the columns only, and a later call without it builds the index.
 */
const createIndex = (db: Database.Database, collection: string, index: StoredIndex, defer = false): void => {
  addFieldColumns(db, tableName(collection), index.fields);
  if (!defer && !indexExists(db, index.name))
    withCache(db, INDEX_BUILD_CACHE_KIB, () => db.exec(createIndexSql(collection, index.name, index.fields)));
};

/**
 * Page cache while an index is built: SQLite's default. Building the three indexes of 836,000
 * history documents took 4.0 s with it and 6.1 s with the large cache writes use.
 */
const INDEX_BUILD_CACHE_KIB = 2000;

const withCache = (db: Database.Database, kib: number, work: () => void): void => {
  const previous = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${kib}`);
  try {
    work();
  } finally {
    db.pragma(`cache_size = ${previous}`);
  }
};

/** A collection made before field columns existed has expression indexes: rebuild them on columns, once. */
const upgradeExpressionIndexes = (db: Database.Database, collection: string, indexes: readonly StoredIndex[]): void => {
  for (const index of indexes) {
    if (!indexExists(db, index.name) || !isExpressionIndex(db, index.name)) continue;
    db.exec(`DROP INDEX "${index.name}"`);
    createIndex(db, collection, index);
  }
};

/**
 * Call inside a write transaction. Declared indexes are recorded at once; with `deferIndexes`
 * only their columns are made, and the next call without it builds every recorded index missing.
 */
export const ensureCollectionTables = (
  db: Database.Database,
  collection: string,
  declared: readonly string[][],
  deferIndexes = false,
): void => {
  const indexes = storedIndexes(db, collection);
  if (indexes === null)
    db.exec(`CREATE TABLE IF NOT EXISTS ${tableName(collection)} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`);
  else upgradeExpressionIndexes(db, collection, indexes);
  const current = [...(indexes ?? [])];
  for (const index of current) createIndex(db, collection, index, deferIndexes);
  for (const fields of declared) {
    if (current.some((index) => sameFields(index.fields, fields))) continue;
    const index = { name: indexName(collection, fields), fields };
    createIndex(db, collection, index, deferIndexes);
    current.push(index);
  }
  if (indexes === null || current.length > indexes.length) saveIndexes(db, collection, current);
};

/** Call inside a write transaction. */
export const dropCollectionTables = (db: Database.Database, collection: string): void => {
  db.exec(`DROP TABLE IF EXISTS ${tableName(collection)}`);
  db.prepare('DELETE FROM rs__collections WHERE name = ?').run(collection);
};

/** Call inside the unit of work's transaction: the rename and the metadata move commit together. */
export const swapCollectionTables = (db: Database.Database, { source, target }: CollectionSwap): void => {
  if (storedIndexes(db, source) === null) throw collectionNotFound(source);
  dropCollectionTables(db, target);
  db.exec(`ALTER TABLE ${tableName(source)} RENAME TO ${tableName(target)}`);
  db.prepare('UPDATE rs__collections SET name = ? WHERE name = ?').run(target, source);
};

export const listCollectionInfos = (db: Database.Database): CollectionInfo[] =>
  (
    db.prepare('SELECT name, indexes FROM rs__collections ORDER BY name').all() as { name: string; indexes: string }[]
  ).map((row) => ({
    name: row.name,
    indexes: (JSON.parse(row.indexes) as StoredIndex[]).map((index) => index.fields),
  }));
