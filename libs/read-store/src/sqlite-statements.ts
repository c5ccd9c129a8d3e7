import type Database from 'better-sqlite3';
import { tableName } from './sqlite-query';

/** Prepared once per collection and reused by every unit of work (cleared on schema changes). */
export interface DocStatements {
  readonly get: Database.Statement<[string], string>;
  readonly getMany: Database.Statement<[string], { id: string; doc: string }>;
  readonly put: Database.Statement<[string, string]>;
  readonly remove: Database.Statement<[string]>;
}

/** Throws SQLite's "no such table" when the collection does not exist. */
export const prepareDocStatements = (db: Database.Database, collection: string): DocStatements => {
  const table = tableName(collection);
  return {
    get: db.prepare<[string], string>(`SELECT doc FROM ${table} WHERE id = ?`).pluck(),
    getMany: db.prepare(`SELECT id, doc FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`),
    put: db.prepare(`INSERT INTO ${table} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`),
    remove: db.prepare(`DELETE FROM ${table} WHERE id = ?`),
  };
};

export interface CheckpointRow {
  name: string;
  position: string | null;
  version: number;
  state: string | null;
}

export interface CheckpointStatements {
  readonly get: Database.Statement<[string], CheckpointRow>;
  readonly list: Database.Statement<[], CheckpointRow>;
  readonly save: Database.Statement<[string, string | null, number, string | null]>;
  readonly remove: Database.Statement<[string]>;
}

export const prepareCheckpointStatements = (db: Database.Database): CheckpointStatements => ({
  get: db.prepare('SELECT name, position, version, state FROM rs__checkpoints WHERE name = ?'),
  list: db.prepare('SELECT name, position, version, state FROM rs__checkpoints ORDER BY name'),
  save: db.prepare(
    `INSERT INTO rs__checkpoints (name, position, version, state) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET position = excluded.position, version = excluded.version, state = excluded.state`,
  ),
  remove: db.prepare('DELETE FROM rs__checkpoints WHERE name = ?'),
});
