import type Database from 'better-sqlite3';
import type { SqlValue } from './sqlite-query';

/**
 * Indexed fields are copied into real columns next to the JSON text, computed in JS when a
 * document is written, and the indexes are built on those columns. Indexes on
 * `json_extract(doc, ...)` expressions made SQLite parse the old and the new JSON text once per
 * index on every upsert, which dominated projection writes. A column holds exactly what queries
 * read from the JSON text (`jsonFieldSql`), so they keep their meaning whichever they read.
 */

const COLUMN_PREFIX = 'f_';

/**
 * `f_` + the field with `_` doubled and each capital written `_` + its lower case: SQLite column
 * names ignore case, so `status` and `Status` must not share one (`f_status`, `f__status`).
 */
export const columnName = (field: string): string =>
  `${COLUMN_PREFIX}${field.replace(/[A-Z_]/g, (char) => (char === '_' ? '__' : `_${char.toLowerCase()}`))}`;

/** The field a column holds, or null when the column is not a field column. */
export const fieldOfColumn = (column: string): string | null => {
  if (!column.startsWith(COLUMN_PREFIX)) return null;
  const encoded = column.slice(COLUMN_PREFIX.length);
  let field = '';
  for (let index = 0; index < encoded.length; index += 1) {
    const char = encoded.charAt(index);
    if (char !== '_') field += char;
    else field += encoded[(index += 1)] === '_' ? '_' : (encoded[index] ?? '').toUpperCase();
  }
  return columnName(field) === column ? field : null;
};

export const quotedColumn = (field: string): string => `"${columnName(field)}"`;

/**
 * The field's value in the JSON text, as queries compare it: what `json_extract` returns, with
 * integers read as doubles. json_extract keeps a JSON integer exact up to 2^63, but beyond 2^53
 * the text `-54502538460781610` is the double -54502538460781608 that the document held, that
 * a filter binds, and that JSON.parse, MongoDB and the memory store compare.
 */
export const jsonFieldSql = (json: string, field: string): string => {
  const value = `json_extract(${json}, '$.${field}')`;
  return `CASE typeof(${value}) WHEN 'integer' THEN CAST(${value} AS REAL) ELSE ${value} END`;
};

/**
 * What `jsonFieldSql` reads for the field of the serialised document: text, a number (bound as
 * a double), 1 / 0 for booleans, NULL for null, missing and non-JSON values, and the JSON text of
 * an object or array. Values with `toJSON` (or boxed primitives) go through JSON, as
 * serialisation does.
 */
export const columnValue = (value: unknown): SqlValue => {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      if (value === 0) return 0; // -0 serialises as 0
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value ? 1 : 0;
    case 'object':
      return value === null ? null : objectValue(value);
    default:
      return null;
  }
};

const objectValue = (value: object): SqlValue => {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) return null;
  return json.startsWith('{') || json.startsWith('[') ? json : columnValue(JSON.parse(json));
};

/** The fields that have a column in the collection's table, in table order. */
export const readColumnFields = (db: Database.Database, table: string): string[] =>
  (db.pragma(`table_info(${table})`) as { name: string }[])
    .map((column) => fieldOfColumn(column.name))
    .filter((field): field is string => field !== null);

/** Adds a column for each field that has none yet, filled from the stored JSON. Call inside a write transaction. */
export const addFieldColumns = (db: Database.Database, table: string, fields: readonly string[]): void => {
  const existing = new Set(readColumnFields(db, table));
  for (const field of fields) {
    if (existing.has(field)) continue;
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${quotedColumn(field)}`);
    db.exec(`UPDATE ${table} SET ${quotedColumn(field)} = ${jsonFieldSql('doc', field)}`);
    existing.add(field);
  }
};

/** True when the index was made on `json_extract` expressions (the layout before field columns). */
export const isExpressionIndex = (db: Database.Database, indexName: string): boolean =>
  (db.pragma(`index_xinfo("${indexName}")`) as { cid: number }[]).some((column) => column.cid === -2);
