import type { Condition, CursorPosition, ParsedQuery, ParsedSortKey, Scalar } from './query';
import { invalidQuery } from './read-store.errors';
import { jsonFieldSql, quotedColumn } from './sqlite-columns';

export type SqlValue = string | number | null;
export interface SqlQuery {
  readonly sql: string;
  readonly params: SqlValue[];
}

/**
 * Names and fields are validated identifiers (see identifiers.ts) before they reach here, and
 * every value is a bound parameter: nothing user-supplied is spliced into SQL unchecked.
 */
export const tableName = (collection: string): string => `"rs_${collection}"`;

/** Indexed fields that have a real column in the collection's table (see sqlite-columns.ts). */
export type ColumnFields = ReadonlySet<string>;

const NO_COLUMNS: ColumnFields = new Set();

/** The field's column when it has one (so SQLite can use its index), else its value in the JSON text. */
const fieldSql = (columns: ColumnFields, field: string): string => {
  if (field === 'id') return 'id';
  return columns.has(field) ? quotedColumn(field) : jsonFieldSql('doc', field);
};

const typeSql = (field: string): string => `json_type(doc, '$.${field}')`;

/**
 * json_extract (and so a field column) maps true/false to 1/0 and returns objects and arrays as
 * JSON text, so each comparison is guarded by json_type to keep equality and ranges typed.
 */
const typeGuard = (field: string, type: 'string' | 'number'): string =>
  field === 'id' ? '1' : type === 'string' ? `${typeSql(field)} = 'text'` : `${typeSql(field)} IN ('integer', 'real')`;

const booleanSql = (columns: ColumnFields, field: string, value: boolean): string =>
  `(${fieldSql(columns, field)} = ${value ? 1 : 0} AND ${typeSql(field)} = '${value}')`;

const equalsSql = (columns: ColumnFields, field: string, value: Scalar): SqlQuery => {
  if (value === null) return { sql: `${fieldSql(columns, field)} IS NULL`, params: [] };
  if (typeof value === 'boolean') return { sql: booleanSql(columns, field, value), params: [] };
  const type = typeof value === 'string' ? 'string' : 'number';
  return { sql: `(${fieldSql(columns, field)} = ? AND ${typeGuard(field, type)})`, params: [value] };
};

const inSql = (columns: ColumnFields, field: string, values: readonly Scalar[]): SqlQuery => {
  const parts: SqlQuery[] = [];
  for (const type of ['string', 'number'] as const) {
    const ofType = values.filter((value) => typeof value === type);
    if (ofType.length === 0) continue;
    // json_each reads the list's integers exactly too: compare them as the doubles they were.
    const value = type === 'number' ? 'CAST(value AS REAL)' : 'value';
    const sql = `(${fieldSql(columns, field)} IN (SELECT ${value} FROM json_each(?)) AND ${typeGuard(field, type)})`;
    parts.push({ sql, params: [JSON.stringify(ofType)] });
  }
  for (const value of [true, false, null]) if (values.includes(value)) parts.push(equalsSql(columns, field, value));
  return parts.length === 0 ? { sql: '0', params: [] } : join(parts, ' OR ');
};

const OPERATORS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

const conditionSql = (columns: ColumnFields, condition: Condition): SqlQuery => {
  const { field } = condition;
  if (condition.kind === 'eq') return equalsSql(columns, field, condition.value);
  if (condition.kind === 'in') return inSql(columns, field, condition.values);
  const bounds = condition.bounds.map((bound) => `${fieldSql(columns, field)} ${OPERATORS[bound.op]} ?`);
  return {
    sql: `(${[...bounds, typeGuard(field, condition.type)].join(' AND ')})`,
    params: condition.bounds.map((bound) => bound.value),
  };
};

const join = (parts: readonly SqlQuery[], separator: string): SqlQuery => ({
  sql: `(${parts.map((part) => part.sql).join(separator)})`,
  params: parts.flatMap((part) => part.params),
});

export const whereSql = (conditions: readonly Condition[], columns: ColumnFields = NO_COLUMNS): SqlQuery =>
  conditions.length === 0
    ? { sql: '1', params: [] }
    : join(
        conditions.map((condition) => conditionSql(columns, condition)),
        ' AND ',
      );

const sqlValue = (value: unknown): SqlValue => {
  if (value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))
    return value;
  throw invalidQuery('cursor', 'not a cursor returned by find');
};

/** Rows strictly after the cursor in ORDER BY order (NULL first ascending, last descending). */
const afterSql = (columns: ColumnFields, key: ParsedSortKey, value: SqlValue): SqlQuery | null => {
  const field = fieldSql(columns, key.field);
  if (key.direction === 'asc') {
    return value === null ? { sql: `${field} IS NOT NULL`, params: [] } : { sql: `${field} > ?`, params: [value] };
  }
  return value === null ? null : { sql: `(${field} < ? OR ${field} IS NULL)`, params: [value] };
};

const equalSql = (columns: ColumnFields, field: string, value: SqlValue): SqlQuery => {
  const sql = fieldSql(columns, field);
  return value === null ? { sql: `${sql} IS NULL`, params: [] } : { sql: `${sql} = ?`, params: [value] };
};

export const keysetSql = (
  sort: readonly ParsedSortKey[],
  after: CursorPosition,
  columns: ColumnFields = NO_COLUMNS,
): SqlQuery => {
  const values = [...after.values, after.id].map(sqlValue);
  const branches: SqlQuery[] = [];
  sort.forEach((key, index) => {
    const next = afterSql(columns, key, values[index] ?? null);
    if (next === null) return;
    const equal = sort.slice(0, index).map((previous, at) => equalSql(columns, previous.field, values[at] ?? null));
    branches.push(join([...equal, next], ' AND '));
  });
  if (branches.length === 0) return { sql: '0', params: [] };
  const first = sort[0];
  const from = values[0] ?? null;
  if (first?.direction !== 'asc' || from === null) return join(branches, ' OR ');
  // Implied by the branches; stated so SQLite can start an index range at the cursor.
  return join([{ sql: `${fieldSql(columns, first.field)} >= ?`, params: [from] }, join(branches, ' OR ')], ' AND ');
};

/** Selects one row more than the limit, to know whether another page follows. */
export const findSql = (collection: string, query: ParsedQuery, columns: ColumnFields = NO_COLUMNS): SqlQuery => {
  const where = whereSql(query.conditions, columns);
  const keyset = query.after === null ? { sql: '1', params: [] } : keysetSql(query.sort, query.after, columns);
  const keys = query.sort
    .slice(0, -1)
    .map((key, index) => `, ${fieldSql(columns, key.field)} AS k${index}`)
    .join('');
  const order = query.sort.map((key) => `${fieldSql(columns, key.field)} ${key.direction.toUpperCase()}`).join(', ');
  return {
    sql: `SELECT id, doc${keys} FROM ${tableName(collection)} WHERE ${where.sql} AND ${keyset.sql} ORDER BY ${order} LIMIT ?`,
    params: [...where.params, ...keyset.params, query.limit === null ? -1 : query.limit + 1],
  };
};

export const countSql = (
  collection: string,
  conditions: readonly Condition[],
  columns: ColumnFields = NO_COLUMNS,
): SqlQuery => {
  const where = whereSql(conditions, columns);
  return { sql: `SELECT count(*) FROM ${tableName(collection)} WHERE ${where.sql}`, params: where.params };
};

/** An index on the fields' columns (which must exist), then the id. */
export const createIndexSql = (collection: string, indexName: string, fields: readonly string[]): string =>
  `CREATE INDEX "${indexName}" ON ${tableName(collection)} (${[...fields.map(quotedColumn), 'id'].join(', ')})`;
