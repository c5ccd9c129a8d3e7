import { assertQueryField } from './identifiers';
import { decodeCursor, sortSignature } from './query-cursor';
import { invalidQuery } from './read-store.errors';

export type Scalar = string | number | boolean | null;

/** Bounds combine with AND; a range matches only values of the bounds' type. */
export interface Range<V extends number | string> {
  readonly gt?: V;
  readonly gte?: V;
  readonly lt?: V;
  readonly lte?: V;
}

/**
 * `value` is typed equality (1 never matches '1' or true; null matches null or a missing
 * field); `{ in: [...] }` matches any of the values; a range compares numbers numerically and
 * strings by code point (binary). Numbers compare as the doubles JavaScript holds, integers
 * beyond 2^53 included. Array and object field values never match.
 */
export type FieldFilter = Scalar | { readonly in: readonly Scalar[] } | Range<number> | Range<string>;

/** Conditions on top-level fields, combined with AND; undefined conditions and bounds are ignored. */
export type Filter = { readonly [field: string]: FieldFilter | undefined };

export interface SortKey {
  readonly field: string;
  /** Default 'asc'. */
  readonly direction?: 'asc' | 'desc';
}

export interface FindQuery {
  filter?: Filter;
  /**
   * Sort keys, each a top-level field. The id is always the final tie-break, in the direction
   * of the last key (so an index on the sort fields serves both directions). Nulls and missing
   * fields come first ascending, then numbers, then strings; booleans and objects sort after
   * strings in an adapter-specific order. A page holding an array in a sort field is refused
   * (InvalidQuery): MongoDB orders arrays by their elements, which no cursor can page through.
   * Default: by id, ascending.
   */
  sort?: readonly SortKey[];
  /** Page size, a positive integer. Default: no limit (one page holds every match). */
  limit?: number;
  /** The `nextCursor` of the previous page, from the same sort. Default: the first page. */
  cursor?: string | null;
}

export interface FindResult<T> {
  items: T[];
  /** Opaque; null when there are no more matches. */
  nextCursor: string | null;
}

export type RangeOp = 'gt' | 'gte' | 'lt' | 'lte';
export type Condition =
  | { readonly kind: 'eq'; readonly field: string; readonly value: Scalar }
  | { readonly kind: 'in'; readonly field: string; readonly values: readonly Scalar[] }
  | {
      readonly kind: 'range';
      readonly field: string;
      readonly type: 'number' | 'string';
      readonly bounds: readonly { readonly op: RangeOp; readonly value: number | string }[];
    };

export interface ParsedSortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

/** Where the previous page ended: its sort values (all keys but the final id) and its id. */
export interface CursorPosition {
  readonly values: readonly unknown[];
  readonly id: string;
}

export interface ParsedQuery {
  readonly conditions: readonly Condition[];
  /** Ends with the id key. */
  readonly sort: readonly ParsedSortKey[];
  readonly limit: number | null;
  readonly after: CursorPosition | null;
}

const RANGE_OPS: readonly string[] = ['gt', 'gte', 'lt', 'lte'];

export const parseFilter = (filter: Filter = {}): Condition[] => {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw invalidQuery('filter', 'the filter must be an object of field conditions');
  }
  return Object.entries(filter).flatMap(([field, value]) => {
    const condition = value === undefined ? null : parseCondition(assertQueryField(field), value);
    return condition === null ? [] : [condition];
  });
};

const parseCondition = (field: string, value: FieldFilter): Condition | null => {
  if (value === null || typeof value !== 'object') return { kind: 'eq', field, value: parseScalar(field, value) };
  const given = Object.keys(value);
  const keys = given.filter((key) => (value as Record<string, unknown>)[key] !== undefined);
  if (keys.length === 1 && keys[0] === 'in') return parseIn(field, (value as { in: unknown }).in);
  if (given.length > 0 && keys.every((key) => RANGE_OPS.includes(key))) {
    return keys.length === 0 ? null : parseRange(field, value as Range<number>);
  }
  throw invalidQuery(field, 'expected a value, { in: [...] } or a range with gt / gte / lt / lte');
};

const parseIn = (field: string, values: unknown): Condition => {
  if (!Array.isArray(values)) throw invalidQuery(field, '"in" takes an array of values');
  return { kind: 'in', field, values: values.map((value) => parseScalar(field, value)) };
};

const parseRange = (field: string, range: Range<number> | Range<string>): Condition => {
  const bounds = Object.entries(range)
    .filter(([, value]) => value !== undefined)
    .map(([op, value]) => ({ op: op as RangeOp, value: parseScalar(field, value) }));
  const type = typeof bounds[0]?.value;
  if ((type !== 'number' && type !== 'string') || bounds.some((bound) => typeof bound.value !== type)) {
    throw invalidQuery(field, 'range bounds must all be numbers or all be strings');
  }
  if (field === 'id' && type !== 'string') throw invalidQuery(field, 'ids are strings');
  return { kind: 'range', field, type, bounds: bounds as { op: RangeOp; value: number | string }[] };
};

const parseScalar = (field: string, value: unknown): Scalar => {
  if (field === 'id' && typeof value !== 'string') throw invalidQuery(field, 'ids are strings');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const shown = typeof value === 'object' ? 'an object or array' : typeof value === 'string' ? value : String(value);
  throw invalidQuery(field, `${shown} is not a string, finite number, boolean or null`);
};

export const parseSort = (sort: readonly SortKey[] = []): ParsedSortKey[] => {
  if (!Array.isArray(sort)) throw invalidQuery('sort', 'sort takes an array of { field, direction }');
  const keys: ParsedSortKey[] = [];
  for (const key of sort) {
    const field = assertQueryField(String(key?.field));
    const direction = key.direction ?? 'asc';
    if (direction !== 'asc' && direction !== 'desc') throw invalidQuery(field, 'direction is "asc" or "desc"');
    if (keys.some((existing) => existing.field === field)) throw invalidQuery(field, 'sorted twice');
    keys.push({ field, direction });
    if (field === 'id') return keys;
  }
  return [...keys, { field: 'id', direction: keys[keys.length - 1]?.direction ?? 'asc' }];
};

const parseLimit = (limit: number | undefined): number | null => {
  if (limit === undefined) return null;
  if (Number.isSafeInteger(limit) && limit > 0) return limit;
  throw invalidQuery('limit', 'the limit is a positive integer');
};

export const parseFindQuery = (query: FindQuery = {}): ParsedQuery => {
  const sort = parseSort(query.sort);
  return {
    conditions: parseFilter(query.filter),
    sort,
    limit: parseLimit(query.limit),
    after: query.cursor === undefined || query.cursor === null ? null : decodeCursor(query.cursor, sortSignature(sort)),
  };
};
