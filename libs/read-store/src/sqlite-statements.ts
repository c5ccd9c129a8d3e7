import type Database from 'better-sqlite3';
import { columnValue, quotedColumn, readColumnFields } from './sqlite-columns';
import { ColumnFields, SqlValue, tableName } from './sqlite-query';

/** Prepared once per collection and reused by every unit of work (cleared on schema changes). */
export interface DocStatements {
  /** The indexed fields with a column, in the order `put` takes their values after id and doc. */
  readonly fields: readonly string[];
  readonly columns: ColumnFields;
  readonly get: Database.Statement<[string], string>;
  readonly getMany: Database.Statement<[string], { id: string; doc: string }>;
  readonly put: Database.Statement<[SqlValue[]]>;
  readonly remove: Database.Statement<[string]>;
  readonly clear: Database.Statement<[]>;
}

const putSql = (table: string, fields: readonly string[]): string => {
  const columns = fields.map(quotedColumn);
  const names = ['id', 'doc', ...columns].join(', ');
  const values = ['doc', ...columns].map((column) => `${column} = excluded.${column}`).join(', ');
  return `INSERT INTO ${table} (${names}) VALUES (${names
    .split(', ')
    .map(() => '?')
    .join(', ')}) ON CONFLICT (id) DO UPDATE SET ${values}`;
};

/** Throws SQLite's "no such table" when the collection does not exist. */
export const prepareDocStatements = (db: Database.Database, collection: string): DocStatements => {
  const table = tableName(collection);
  const get = db.prepare<[string], string>(`SELECT doc FROM ${table} WHERE id = ?`).pluck();
  const fields = readColumnFields(db, table);
  return {
    fields,
    columns: new Set(fields),
    get,
    getMany: db.prepare(`SELECT id, doc FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`),
    put: db.prepare<[SqlValue[]]>(putSql(table, fields)),
    remove: db.prepare(`DELETE FROM ${table} WHERE id = ?`),
    clear: db.prepare<[]>(`DELETE FROM ${table}`),
  };
};

/** Inserts or replaces the document: its JSON text and the value of each field column. */
export const putDocument = (
  statements: DocStatements,
  id: string,
  json: string,
  doc: Readonly<Record<string, unknown>>,
): void => {
  const values: SqlValue[] = [id, json];
  for (const field of statements.fields) values.push(columnValue(doc[field]));
  statements.put.run(values);
};

export interface CheckpointRow {
  name: string;
  position: string | null;
  version: number;
  state: string | null;
  revision: string;
}

export interface CheckpointStatements {
  readonly get: Database.Statement<[string], CheckpointRow>;
  readonly list: Database.Statement<[], CheckpointRow>;
  readonly revision: Database.Statement<[string], string>;
  readonly save: Database.Statement<[string, string | null, number, string | null, string]>;
  readonly remove: Database.Statement<[string]>;
}

export const prepareCheckpointStatements = (db: Database.Database): CheckpointStatements => ({
  get: db.prepare('SELECT name, position, version, state, revision FROM rs__checkpoints WHERE name = ?'),
  list: db.prepare('SELECT name, position, version, state, revision FROM rs__checkpoints ORDER BY name'),
  revision: db.prepare<[string], string>('SELECT revision FROM rs__checkpoints WHERE name = ?').pluck(),
  save: db.prepare(
    `INSERT INTO rs__checkpoints (name, position, version, state, revision) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET position = excluded.position, version = excluded.version,
       state = excluded.state, revision = excluded.revision`,
  ),
  remove: db.prepare('DELETE FROM rs__checkpoints WHERE name = ?'),
});
