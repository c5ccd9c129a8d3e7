import fc from 'fast-check';
import { rejectsWith } from '../test/expect-error';
import type { ContractContext } from './read-store.contract';
import type { StoredDocument } from './read-store.port';

const fieldName = fc
  .string({ minLength: 1, maxLength: 6 })
  .filter((key) => key !== 'id' && key !== '_id' && !key.startsWith('$'));
const jsonDocument = fc
  .tuple(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
    fc.dictionary(fieldName, fc.jsonValue({ maxDepth: 3 })),
  )
  .map(([id, fields]) => ({ ...fields, id }));

export const documentsContract = ({ store }: ContractContext): void => {
  describe('documents', () => {
    beforeEach(() => store().ensureCollection('tasks'));

    it('reads back a put document as the same JSON, with the key order it was given', async () => {
      const doc = {
        title: 'Parse',
        id: 't-1',
        nested: { z: 1, a: [1, 'two', null, true, { b: -0.5 }] },
        big: 1e21,
        text: 'é😀\u0000',
      };
      await store().put('tasks', doc);
      expect(JSON.stringify(await store().get('tasks', 't-1'))).toBe(JSON.stringify(doc));
    });

    it('round-trips any JSON document byte for byte', async () => {
      await fc.assert(
        fc.asyncProperty(jsonDocument, async (doc) => {
          await store().put('tasks', doc);
          expect(JSON.stringify(await store().get('tasks', doc.id))).toBe(JSON.stringify(doc));
        }),
        { numRuns: 40 },
      );
    });

    it('replaces the whole document on a second put with the same id', async () => {
      await store().put('tasks', { id: 't-1', a: 1, b: 2 });
      await store().put('tasks', { id: 't-1', c: 3 });
      expect(await store().get('tasks', 't-1')).toEqual({ id: 't-1', c: 3 });
    });

    it('returns null for an id it does not hold', async () => {
      expect(await store().get('tasks', 'nope')).toBeNull();
    });

    it('getMany answers one result per id, in request order, null where missing', async () => {
      await store().put('tasks', { id: 'a', n: 1 });
      await store().put('tasks', { id: 'b', n: 2 });
      const found = await store().getMany('tasks', ['b', 'missing', 'a', 'b']);
      expect(found).toEqual([{ id: 'b', n: 2 }, null, { id: 'a', n: 1 }, { id: 'b', n: 2 }]);
      expect(await store().getMany('tasks', [])).toEqual([]);
    });

    it('getMany loads thousands of ids at once', async () => {
      const ids = Array.from({ length: 2500 }, (_, index) => `task-${index}`);
      await store().commit({ changes: ids.map((id) => ({ op: 'put', collection: 'tasks', doc: { id } })) });
      const found = await store().getMany('tasks', [...ids, 'missing']);
      expect(found.filter((doc) => doc !== null)).toHaveLength(2500);
      expect(found[1234]).toEqual({ id: 'task-1234' });
    });

    it('deletes a document, and deleting a missing one is a no-op', async () => {
      await store().put('tasks', { id: 't-1' });
      await store().delete('tasks', 't-1');
      await store().delete('tasks', 't-1');
      expect(await store().get('tasks', 't-1')).toBeNull();
    });

    it('never shares objects with the caller', async () => {
      const doc = { id: 't-1', tags: ['a'] };
      await store().put('tasks', doc);
      doc.tags.push('mutated after put');
      const read = (await store().get<{ id: string; tags: string[] }>('tasks', 't-1'))!;
      read.tags.push('mutated after get');
      expect(await store().get('tasks', 't-1')).toEqual({ id: 't-1', tags: ['a'] });
    });

    it('drops undefined properties, as JSON does', async () => {
      await store().put('tasks', { id: 't-1', gone: undefined, kept: null });
      expect(JSON.stringify(await store().get('tasks', 't-1'))).toBe('{"id":"t-1","kept":null}');
    });

    it('refuses documents it cannot store faithfully, with InvalidDocument', async () => {
      const circular: Record<string, unknown> = { id: 'loop' };
      circular['self'] = circular;
      const bad: unknown[] = [
        { id: 1 },
        { id: '' },
        { title: 'no id' },
        { id: 'x', _id: 'y' },
        { id: 'x', $set: 1 },
        { id: 'x', n: 10n },
        circular,
      ];
      for (const doc of bad) await rejectsWith(store().put('tasks', doc as StoredDocument), 'InvalidDocument');
      expect(await store().count('tasks')).toBe(0);
    });

    it('fails with CollectionNotFound on a collection that was never ensured', async () => {
      const error = await rejectsWith(store().get('unknown', 'x'), 'CollectionNotFound');
      expect(error.details).toEqual({ collection: 'unknown' });
      await rejectsWith(store().getMany('unknown', ['x']), 'CollectionNotFound');
      await rejectsWith(store().put('unknown', { id: 'x' }), 'CollectionNotFound');
      await rejectsWith(store().delete('unknown', 'x'), 'CollectionNotFound');
      await rejectsWith(store().find('unknown'), 'CollectionNotFound');
      await rejectsWith(store().count('unknown'), 'CollectionNotFound');
    });
  });
};
