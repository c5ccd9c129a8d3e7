import type { Filter } from './query';
import type { ContractContext } from './read-store.contract';

/**
 * Beyond 2^53 a JSON integer is no longer the double it was written from: -54502538460781610 is
 * the text of the double -54502538460781608. Every adapter compares numbers as the doubles the
 * documents hold, whether the field is indexed or read from the stored document.
 */
const HUGE = -54502538460781610;
const NEXT = HUGE + 8;
const FIELDS = ['indexed', 'plain'] as const;

export const largeNumbersContract = ({ store }: ContractContext): void => {
  describe('given integers beyond 2^53', () => {
    beforeEach(async () => {
      await store().ensureCollection('numbers', { indexes: [['indexed']] });
      const values: Record<string, number> = { a: HUGE, b: HUGE, c: NEXT, d: 2 ** 63, e: 2 ** 53 + 2 };
      await store().commit({
        changes: Object.entries(values).map(([id, v]) => ({
          op: 'put',
          collection: 'numbers',
          doc: { id, indexed: v, plain: v },
        })),
      });
    });

    const ids = async (filter: Filter): Promise<string[]> => {
      const result = await store().find('numbers', { filter });
      expect(await store().count('numbers', filter)).toBe(result.items.length);
      return result.items.map((doc) => doc.id).sort();
    };

    it.each(FIELDS)('finds them by equality, "in" and ranges on the %s field', async (field) => {
      expect(await ids({ [field]: -54502538460781610 })).toEqual(['a', 'b']);
      expect(await ids({ [field]: { in: [-54502538460781610, 2 ** 63] } })).toEqual(['a', 'b', 'd']);
      expect(await ids({ [field]: { gte: HUGE, lte: HUGE } })).toEqual(['a', 'b']);
      expect(await ids({ [field]: { gt: HUGE, lt: 0 } })).toEqual(['c']);
      expect(await ids({ [field]: { gt: 2 ** 53 } })).toEqual(['d', 'e']);
    });

    it.each(FIELDS)('pages through equal values of the %s field without losing or repeating one', async (field) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = await store().find('numbers', {
          sort: [{ field }],
          limit: 1,
          cursor,
        });
        seen.push(...page.items.map((doc) => doc.id));
        cursor = page.nextCursor;
      } while (cursor !== null && seen.length < 10);
      expect(seen).toEqual(['a', 'b', 'c', 'e', 'd']);
    });
  });
};
