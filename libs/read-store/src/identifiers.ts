import { TaskledgerError } from '@taskledger/errors';
import { invalidQuery } from './read-store.errors';

const COLLECTION_NAME = /^[a-z][a-z0-9_-]{0,99}$/;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * Collection names end up in SQL table names and MongoDB namespaces, so they are restricted to
 * lower case (SQLite table names ignore case), digits, `_` and `-`.
 */
export const isCollectionName = (name: unknown): name is string =>
  typeof name === 'string' && COLLECTION_NAME.test(name);

export const assertCollectionName = (name: unknown): string => {
  if (isCollectionName(name)) return name;
  throw new TaskledgerError(
    'InvalidArgument',
    `invalid collection name ${JSON.stringify(name)}: use a lower-case letter, then lower-case letters, digits, "_" or "-"`,
    { collection: name },
  );
};

/**
 * Query and index fields are top-level identifiers, so they can be written into a JSON path or
 * a MongoDB key without escaping. `_id` is reserved for MongoDB.
 */
export const isFieldName = (field: string): boolean => FIELD_NAME.test(field) && field !== '_id';

export const assertQueryField = (field: string): string => {
  if (isFieldName(field)) return field;
  throw invalidQuery(field, 'fields must be top-level identifiers ([A-Za-z_][A-Za-z0-9_]*), not _id');
};

export const parseIndexes = (collection: string, indexes: readonly (readonly string[])[] = []): string[][] =>
  indexes.map((fields) => {
    const problem = indexProblem(fields);
    if (problem === null) return [...fields];
    throw new TaskledgerError(
      'InvalidArgument',
      `invalid index ${JSON.stringify(fields)} on "${collection}": ${problem}`,
      {
        collection,
        index: fields,
      },
    );
  });

const indexProblem = (fields: readonly string[]): string | null => {
  if (!Array.isArray(fields) || fields.length === 0) return 'an index names at least one field';
  if (fields.some((field) => typeof field !== 'string' || !isFieldName(field)))
    return 'fields must be top-level identifiers';
  if (fields.includes('id')) return 'the id is always indexed and is appended to every index';
  if (new Set(fields).size !== fields.length) return 'a field appears twice';
  return null;
};

export const sameFields = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((field, index) => field === b[index]);
