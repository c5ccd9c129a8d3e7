import { findInMemory, matchesCondition, PlainDoc } from './memory-query';
import { Filter, FindQuery, FindResult, parseFilter, parseFindQuery } from './query';
import { assertSortableValues } from './sort-values';

/**
 * `find` over documents held in memory as plain objects, with the memory adapter's semantics
 * (for stores that keep their own objects); the items are those objects, not copies.
 */
export const findDocuments = <T>(
  collection: string,
  docs: Iterable<PlainDoc>,
  query: FindQuery = {},
): FindResult<T> => {
  const parsedQuery = parseFindQuery(query);
  const { page, nextCursor } = findInMemory(docs, (doc) => doc, parsedQuery);
  assertSortableValues(collection, parsedQuery.sort, page);
  return { items: page as unknown as T[], nextCursor };
};

/** `count` over documents held in memory as plain objects, with the memory adapter's semantics. */
export const countDocuments = (docs: Iterable<PlainDoc>, filter: Filter = {}): number => {
  const conditions = parseFilter(filter);
  let matching = 0;
  for (const doc of docs) if (conditions.every((condition) => matchesCondition(doc, condition))) matching += 1;
  return matching;
};
