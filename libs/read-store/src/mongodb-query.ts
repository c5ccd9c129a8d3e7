import type { AnyBulkWriteOperation, Document, IndexDescription } from 'mongodb';
import type { Condition, CursorPosition, ParsedQuery, ParsedSortKey } from './query';
import { JSON_TYPE_ORDER, JsonTypeName, jsonTypeOf } from './value-order';
import type { PreparedChange } from './write-validation';

/** How documents are stored: the document itself plus `_id` (= id) in front. */
export interface MongoDoc extends Document {
  _id: string;
}

/** Our `id` is MongoDB's `_id`; documents also keep `id` in place, so key order survives. */
export const mongoField = (field: string): string => (field === 'id' ? '_id' : field);

/** Reads drop `_id`: what remains is the document exactly as it was put. */
export const WITHOUT_MONGO_ID = { _id: 0 } as const;

const BSON_TYPE: Record<JsonTypeName, string> = {
  null: 'null',
  number: 'number',
  string: 'string',
  object: 'object',
  array: 'array',
  boolean: 'bool',
};

/**
 * MongoDB matches a condition against each element of an array field; the port's filters
 * never match arrays, so every condition on a document field excludes arrays.
 */
const NOT_ARRAY = { $not: { $type: 'array' } } as const;

const conditionFilter = (condition: Condition): Document => {
  const guard = condition.field === 'id' ? {} : NOT_ARRAY;
  switch (condition.kind) {
    case 'eq':
      return { $eq: condition.value, ...guard };
    case 'in':
      return { $in: [...condition.values], ...guard };
    case 'range':
      return { ...Object.fromEntries(condition.bounds.map((bound) => [`$${bound.op}`, bound.value])), ...guard };
  }
};

/** Range operators compare within one BSON type only, which is the port's typed-range rule. */
export const toMongoFilter = (conditions: readonly Condition[]): Document =>
  Object.fromEntries(conditions.map((condition) => [mongoField(condition.field), conditionFilter(condition)]));

const equalTo = (field: string, value: unknown): Document => ({ [mongoField(field)]: value });

/**
 * Documents strictly after `value` in sort order. `$gt`/`$lt` only compare within one type, so
 * the types that sort after (or before) the value's type are added explicitly; nulls and
 * missing fields come first ascending and last descending. Arrays are always selected: MongoDB
 * sorts them by an element (an empty one before null), so a later page must still reach them,
 * and find refuses the page that holds one.
 */
const afterValue = (key: ParsedSortKey, value: unknown): Document | null => {
  const field = mongoField(key.field);
  if (key.field === 'id') return { [field]: { [key.direction === 'asc' ? '$gt' : '$lt']: value } };
  const type = jsonTypeOf(value);
  const rank = JSON_TYPE_ORDER.indexOf(type);
  const branches: Document[] = [];
  if (type !== 'null') branches.push({ [field]: { [key.direction === 'asc' ? '$gt' : '$lt']: value } });
  const others = key.direction === 'asc' ? JSON_TYPE_ORDER.slice(rank + 1) : JSON_TYPE_ORDER.slice(0, rank);
  const typed = [...others.filter((name) => name !== 'null' && name !== 'array'), 'array' as const].map(
    (name) => BSON_TYPE[name],
  );
  branches.push({ [field]: { $type: typed } });
  if (others.includes('null')) branches.push({ [field]: null });
  return branches.length === 1 ? (branches[0] as Document) : { $or: branches };
};

/** Keyset pagination: after the cursor on the first key, or equal on it and after on the next... */
export const keysetFilter = (sort: readonly ParsedSortKey[], after: CursorPosition): Document => {
  const values = [...after.values, after.id];
  const branches: Document[] = [];
  sort.forEach((key, index) => {
    const next = afterValue(key, values[index] ?? null);
    if (next === null) return;
    const equal = sort.slice(0, index).map((previous, at) => equalTo(previous.field, values[at] ?? null));
    branches.push(equal.length === 0 ? next : { $and: [...equal, next] });
  });
  return { $or: branches };
};

export const toMongoSort = (sort: readonly ParsedSortKey[]): [string, 1 | -1][] =>
  sort.map((key) => [mongoField(key.field), key.direction === 'asc' ? 1 : -1]);

/** A page comes in one batch (up to 16 MiB), so no cursor stays open that a swap could kill. */
export const toMongoFind = (
  query: ParsedQuery,
): { filter: Document; sort: [string, 1 | -1][]; limit: number; batchSize?: number } => {
  const filter = toMongoFilter(query.conditions);
  return {
    filter: query.after === null ? filter : { $and: [filter, keysetFilter(query.sort, query.after)] },
    sort: toMongoSort(query.sort),
    limit: query.limit === null ? 0 : query.limit + 1,
    ...(query.limit === null ? {} : { batchSize: query.limit + 1 }),
  };
};

/** The cursor position after a returned document: its sort values (missing as null) and id. */
export const positionOf = (doc: Document, sort: readonly ParsedSortKey[]): CursorPosition => ({
  values: sort.slice(0, -1).map((key) => doc[key.field] ?? null),
  id: String(doc['id']),
});

/** Per collection, in order: upserting replaces (`_id` comes from the filter) and deletes. */
export const bulkOperations = (changes: readonly PreparedChange[]): Map<string, AnyBulkWriteOperation<MongoDoc>[]> => {
  const byCollection = new Map<string, AnyBulkWriteOperation<MongoDoc>[]>();
  for (const change of changes) {
    const operations = byCollection.get(change.collection) ?? [];
    operations.push(
      change.op === 'put'
        ? { replaceOne: { filter: { _id: change.id }, replacement: JSON.parse(change.json) as Document, upsert: true } }
        : { deleteOne: { filter: { _id: change.id } } },
    );
    byCollection.set(change.collection, operations);
  }
  return byCollection;
};

const INDEX_PREFIX = 'rs:';

/** Declared fields plus `_id`, so sorts with the id tie-break are served by the index. */
export const indexDescription = (fields: readonly string[]): IndexDescription => ({
  key: Object.fromEntries([...fields.map((field) => [field, 1] as const), ['_id', 1] as const]),
  name: `${INDEX_PREFIX}${fields.join(',')}`,
});

export const declaredIndexFields = (indexes: readonly { name?: string }[]): string[][] =>
  indexes.flatMap(({ name }) => (name?.startsWith(INDEX_PREFIX) ? [name.slice(INDEX_PREFIX.length).split(',')] : []));
