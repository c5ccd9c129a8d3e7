import { rejectsWith } from '../test/expect-error';
import type { Filter, FindQuery } from './query';
import type { ContractContext } from './read-store.contract';

/** One document per interesting value of `v`, so each filter's exact match set is visible. */
const VALUES: Record<string, unknown> = {
  missing: undefined,
  null: null,
  zero: 0,
  one: 1,
  oneAndHalf: 1.5,
  minus: -2,
  big: 1e21,
  textOne: '1',
  textB: 'B',
  textA: 'a',
  textAccent: 'é',
  textPrivate: '\ue000',
  textEmoji: '😀',
  yes: true,
  no: false,
  list: [1, 'a'],
  object: { a: 1 },
};

export const findContract = ({ store }: ContractContext): void => {
  describe('find and count', () => {
    beforeEach(async () => {
      await store().ensureCollection('values', { indexes: [['v'], ['group', 'v']] });
      const docs = Object.entries(VALUES).map(([id, v]) => ({
        id,
        group: id.startsWith('text') ? 'text' : 'other',
        v,
      }));
      await store().commit({ changes: docs.map((doc) => ({ op: 'put', collection: 'values', doc })) });
    });

    const ids = async (filter: Filter, query: FindQuery = {}): Promise<string[]> => {
      const result = await store().find('values', { ...query, filter });
      expect(await store().count('values', filter)).toBe(result.items.length);
      return result.items.map((doc) => doc.id).sort();
    };

    it('matches equality by type: 1 is not "1" nor true', async () => {
      expect(await ids({ v: 1 })).toEqual(['one']);
      expect(await ids({ v: '1' })).toEqual(['textOne']);
      expect(await ids({ v: true })).toEqual(['yes']);
      expect(await ids({ v: false })).toEqual(['no']);
      expect(await ids({ v: 0 })).toEqual(['zero']);
      expect(await ids({ v: 1e21 })).toEqual(['big']);
    });

    it('matches null against null and missing fields only', async () => {
      expect(await ids({ v: null })).toEqual(['missing', 'null']);
      expect(await ids({ absent: null })).toHaveLength(Object.keys(VALUES).length);
    });

    it('matches "in" against any of its values, each by type', async () => {
      expect(await ids({ v: { in: [1, 'a', null, false] } })).toEqual(['missing', 'no', 'null', 'one', 'textA']);
      expect(await ids({ v: { in: [] } })).toEqual([]);
    });

    it('compares number ranges numerically, matching numbers only', async () => {
      expect(await ids({ v: { gt: 0 } })).toEqual(['big', 'one', 'oneAndHalf']);
      expect(await ids({ v: { gte: 0, lt: 1.5 } })).toEqual(['one', 'zero']);
      expect(await ids({ v: { lte: -2 } })).toEqual(['minus']);
    });

    it('compares string ranges by code point, matching strings only', async () => {
      expect(await ids({ v: { gt: 'a' } })).toEqual(['textAccent', 'textEmoji', 'textPrivate']);
      expect(await ids({ v: { gte: 'B', lt: 'é' } })).toEqual(['textA', 'textB']);
      expect(await ids({ v: { lt: '\ue000', gt: 'é' } })).toEqual([]);
      expect(await ids({ v: { gt: '\ue000' } })).toEqual(['textEmoji']);
    });

    it('never matches arrays or objects by their elements or text', async () => {
      expect(await ids({ v: 'a' })).toEqual(['textA']);
      expect(await ids({ v: '{"a":1}' })).toEqual([]);
      expect(await ids({ v: { in: [1, 'a'] } })).toEqual(['one', 'textA']);
    });

    it('combines conditions on several fields with AND, ids included', async () => {
      expect(await ids({ group: 'text', v: { gte: 'a' } })).toEqual([
        'textA',
        'textAccent',
        'textEmoji',
        'textPrivate',
      ]);
      expect(await ids({ id: { in: ['one', 'zero', 'nope'] }, v: { gt: 0 } })).toEqual(['one']);
      expect(await ids({ id: { gte: 'text', lt: 'textB' } })).toEqual(['textA', 'textAccent']);
      expect(await ids({ id: 'yes' })).toEqual(['yes']);
    });

    it('treats values as data, never as query text', async () => {
      const sneaky = "x' OR 1=1; DROP TABLE rs_values; --";
      await store().put('values', { id: 'sneaky', v: sneaky });
      expect(await ids({ v: sneaky })).toEqual(['sneaky']);
      expect(await store().count('values')).toBe(Object.keys(VALUES).length + 1);
    });

    it('sorts numbers numerically and strings by code point, nulls and missing first', async () => {
      const result = await store().find('values', { filter: { group: 'text' }, sort: [{ field: 'v' }] });
      expect(result.items.map((doc) => doc.id)).toEqual([
        'textOne',
        'textB',
        'textA',
        'textAccent',
        'textPrivate',
        'textEmoji',
      ]);
      const numbers = await store().find('values', {
        filter: { v: { in: [null, 0, 1, 1.5, -2, 1e21] } },
        sort: [{ field: 'v', direction: 'desc' }],
      });
      expect(numbers.items.map((doc) => doc.id)).toEqual([
        'big',
        'oneAndHalf',
        'one',
        'zero',
        'minus',
        'null',
        'missing',
      ]);
    });

    it("sorts on several fields, then by id in the last key's direction", async () => {
      const sort = [{ field: 'group', direction: 'desc' as const }, { field: 'absent' }];
      const result = await store().find('values', { filter: { v: { in: [null, 1, 'a', 'B'] } }, sort });
      expect(result.items.map((doc) => doc.id)).toEqual(['textA', 'textB', 'missing', 'null', 'one']);
    });

    it('pages with a limit and returns a null cursor after the last page', async () => {
      const first = await store().find('values', { filter: { group: 'text' }, limit: 4 });
      expect(first.items).toHaveLength(4);
      const second = await store().find('values', { filter: { group: 'text' }, limit: 4, cursor: first.nextCursor });
      expect(second.items.map((doc) => doc.id)).toEqual(['textOne', 'textPrivate']);
      expect(second.nextCursor).toBeNull();
      expect((await store().find('values', { filter: { group: 'text' }, limit: 6 })).nextCursor).toBeNull();
      expect((await store().find('values', { filter: { group: 'text' } })).items).toHaveLength(6);
    });

    it('refuses bad queries with InvalidQuery naming the field', async () => {
      const bad: [FindQuery, string][] = [
        [{ filter: { 'a.b': 1 } }, 'a.b'],
        [{ filter: { $where: 1 } }, '$where'],
        [{ filter: { "v') OR 1=1 --": 1 } }, "v') OR 1=1 --"],
        [{ filter: { v: { ne: 1 } as never } }, 'v'],
        [{ filter: { v: { gt: 1, lt: 'z' } as never } }, 'v'],
        [{ filter: { v: { gt: true } as never } }, 'v'],
        [{ filter: { v: Number.NaN } }, 'v'],
        [{ filter: { v: { in: [[1]] } as never } }, 'v'],
        [{ filter: { id: 7 as never } }, 'id'],
        [{ sort: [{ field: 'x y' }] }, 'x y'],
        [{ sort: [{ field: 'v', direction: 'up' as never }] }, 'v'],
        [{ limit: 0 }, 'limit'],
        [{ cursor: 'not-a-cursor' }, 'cursor'],
      ];
      for (const [query, field] of bad) {
        const error = await rejectsWith(store().find('values', query), 'InvalidQuery');
        expect(error.details).toEqual({ field });
      }
      await rejectsWith(store().count('values', { 'bad-field': 1 }), 'InvalidQuery');
    });

    it('refuses a cursor from a different sort', async () => {
      const page = await store().find('values', { sort: [{ field: 'v' }], limit: 2 });
      const error = await rejectsWith(
        store().find('values', { sort: [{ field: 'group' }], cursor: page.nextCursor }),
        'InvalidQuery',
      );
      expect(error.details).toEqual({ field: 'cursor' });
    });
  });
};
