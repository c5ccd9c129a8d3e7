import type { ParsedSortKey } from './query';
import { invalidQuery } from './read-store.errors';

/**
 * Every adapter refuses a page holding a document with an array in a sort field: MongoDB
 * orders an array by its smallest element ascending (largest descending, an empty one before
 * null) and matches range and equality conditions element by element, so no cursor could page
 * over such documents without skipping or repeating some.
 */
export const assertSortableValues = (
  collection: string,
  sort: readonly ParsedSortKey[],
  docs: readonly Readonly<Record<string, unknown>>[],
): void => {
  for (const { field } of sort) {
    if (field === 'id') continue;
    const holder = docs.find((doc) => Array.isArray(doc[field]));
    if (holder === undefined) continue;
    throw invalidQuery(
      field,
      `document ${JSON.stringify(holder['id'])} in "${collection}" holds an array there; sorting on a field that holds arrays is not supported (filter such documents out, or sort on another field)`,
    );
  }
};
