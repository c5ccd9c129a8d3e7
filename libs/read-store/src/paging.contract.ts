import fc from 'fast-check';
import type { Filter, FindQuery, SortKey } from './query';
import type { ContractContext } from './read-store.contract';
import type { AnyDocument, ReadStore } from './read-store.port';

type Doc = { id: string; a?: unknown; b?: unknown };

/** Few distinct values, so ties (and the id tie-break) are common; mixed types on purpose. */
const value = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('', 'a', 'B', 'é', '\ue000', '😀', 'a😀'),
  fc.string({ unit: 'binary', maxLength: 3 }),
);
/** Arrays, empty or mixed: MongoDB would sort them by their smallest or largest element. */
const arrayValue = fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'B')), { maxLength: 3 });
const docsOf = (fieldValue: fc.Arbitrary<unknown>) =>
  fc
    .uniqueArray(fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), { maxLength: 30 })
    .chain((ids) =>
      fc.tuple(
        ...ids.map((id) => fc.record({ a: fieldValue, b: fieldValue }).map((fields): Doc => ({ id, ...fields }))),
      ),
    );
const docs = docsOf(value);
const docsWithArrays = docsOf(fc.oneof({ weight: 6, arbitrary: value }, { weight: 1, arbitrary: arrayValue }));
const sortKey = fc.record({
  field: fc.constantFrom('a', 'b', 'id'),
  direction: fc.constantFrom('asc' as const, 'desc' as const),
});
const sort = fc.uniqueArray(sortKey, { maxLength: 3, selector: (key) => key.field });

/** An independent reference order: missing/null < numbers < strings (UTF-8 bytes); id breaks ties in the last key's direction. */
const rank = (v: unknown): number => (v === null || v === undefined ? 0 : typeof v === 'number' ? 1 : 2);
const compareValue = (x: unknown, y: unknown): number => {
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === 'number') return x - (y as number);
  return typeof x === 'string' ? Buffer.compare(Buffer.from(x), Buffer.from(y as string)) : 0;
};
const referenceOrder =
  (keys: readonly SortKey[]) =>
  (x: Doc, y: Doc): number => {
    const tieBreak = { field: 'id', direction: keys[keys.length - 1]?.direction ?? 'asc' };
    const all = keys.some((key) => key.field === 'id') ? keys : [...keys, tieBreak];
    for (const key of all) {
      const order = compareValue(x[key.field as keyof Doc], y[key.field as keyof Doc]);
      if (order !== 0) return key.direction === 'desc' ? -order : order;
    }
    return 0;
  };

const FILTERS: [Filter, (doc: Doc) => boolean][] = [
  [{}, () => true],
  [{ a: { gte: 0 } }, (doc) => typeof doc.a === 'number' && doc.a >= 0],
  [{ b: { in: [null, 'a', 1] } }, (doc) => doc.b === null || doc.b === undefined || doc.b === 'a' || doc.b === 1],
];

const readAllPages = async (
  store: ReadStore,
  collection: string,
  query: FindQuery,
  between: () => Promise<void> = async () => undefined,
) => {
  const pages: AnyDocument[][] = [];
  let cursor: string | null = null;
  do {
    const page: { items: AnyDocument[]; nextCursor: string | null } = await store.find(collection, {
      ...query,
      cursor,
    });
    pages.push(page.items);
    cursor = page.nextCursor;
    await between();
  } while (cursor !== null && pages.length < 100);
  return pages;
};

let runs = 0;
const freshCollection = async (store: ReadStore, contents: readonly Doc[]): Promise<string> => {
  const collection = `paging-${(runs += 1)}`;
  await store.ensureCollection(collection, { indexes: [['a'], ['a', 'b']] });
  await store.commit({ changes: contents.map((doc) => ({ op: 'put', collection, doc })) });
  return collection;
};

export const pagingContract = ({ store }: ContractContext): void => {
  describe('cursor pagination', () => {
    it('pages through any sort with any page size, yielding the sorted matches exactly once', async () => {
      await fc.assert(
        fc.asyncProperty(
          docs,
          sort,
          fc.integer({ min: 1, max: 7 }),
          fc.constantFrom(...FILTERS),
          async (contents, keys, limit, [where, matches]) => {
            const collection = await freshCollection(store(), contents);
            const pages = await readAllPages(store(), collection, { filter: where, sort: keys, limit });
            const expected = contents.filter(matches).sort(referenceOrder(keys));
            expect(pages.flat().map((doc) => doc.id)).toEqual(expected.map((doc) => doc.id));
            expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
            await store().dropCollection(collection);
          },
        ),
        { numRuns: 40 },
      );
    });

    it('refuses, with InvalidQuery naming the field, to page over matches holding an array in a sort field', async () => {
      await fc.assert(
        fc.asyncProperty(
          docsWithArrays,
          sort,
          fc.integer({ min: 1, max: 7 }),
          fc.constantFrom(...FILTERS),
          async (contents, keys, limit, [where, matches]) => {
            const collection = await freshCollection(store(), contents);
            const expected = contents.filter(matches);
            const sorted = keys.slice(0, keys.findIndex(({ field }) => field === 'id') >>> 0);
            const arrayField = sorted.find(({ field }) =>
              expected.some((doc) => Array.isArray(doc[field as keyof Doc])),
            )?.field;
            const reading = readAllPages(store(), collection, { filter: where, sort: keys, limit });
            if (arrayField === undefined) {
              const pages = await reading;
              expect(pages.flat().map((doc) => doc.id)).toEqual(
                expected.sort(referenceOrder(keys)).map((doc) => doc.id),
              );
            } else {
              const error = await reading.then(
                () => null,
                (caught: unknown) => caught,
              );
              expect(error).toMatchObject({ code: 'InvalidQuery', message: expect.stringContaining('array') });
              const named = (error as { details?: { field?: string } }).details?.field;
              expect(keys.some(({ field }) => field === named)).toBe(true);
            }
            await store().dropCollection(collection);
          },
        ),
        { numRuns: 40 },
      );
    });

    // A document written between pages may move past the cursor and show up again; the others may not.
    it('never skips or repeats a document while other documents are written between pages', async () => {
      const write = fc.record({
        id: fc.constantFrom('new-1', 'new-2', 'new-3', 'new-4'),
        a: value,
        remove: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(
          docs,
          sort,
          fc.integer({ min: 1, max: 5 }),
          fc.array(write, { maxLength: 20 }),
          async (contents, keys, limit, writes) => {
            const collection = await freshCollection(store(), contents);
            const pending = [...writes];
            const between = async () => {
              const next = pending.shift();
              if (next === undefined) return;
              if (next.remove) await store().delete(collection, next.id);
              else await store().put(collection, { id: next.id, a: next.a });
            };
            const seen = (await readAllPages(store(), collection, { sort: keys, limit }, between)).flat() as Doc[];
            const ids = seen.map((doc) => doc.id);
            for (const doc of contents) expect(ids.filter((id) => id === doc.id)).toHaveLength(1);
            seen.slice(1).forEach((doc, index) => expect(referenceOrder(keys)(seen[index]!, doc)).toBeLessThan(0));
            await store().dropCollection(collection);
          },
        ),
        { numRuns: 30 },
      );
    });
  });
};
