import fc from 'fast-check';
import { hasKeysInOrder, keyOrderKeeper } from './object-shape';

interface Shape {
  id: string;
  count: number;
  at: string | null;
}

const key = fc.constantFrom('id', 'count', 'at', 'extra', 'other', '0', '7');
/** Objects with some of the keys, in any order, perhaps with keys of their own. */
const anyObject = fc
  .uniqueArray(fc.tuple(key, fc.oneof(fc.string(), fc.integer(), fc.constant(null))), {
    selector: ([k]) => k,
    maxLength: 6,
  })
  .map((entries) => Object.fromEntries(entries) as unknown as Shape);
const next = fc.record({ id: fc.string(), count: fc.integer(), at: fc.option(fc.string()) });

describe('object shape', () => {
  describe('hasKeysInOrder', () => {
    it('holds when the keys are those of the object, in its order', () =>
      fc.assert(fc.property(anyObject, (value) => expect(hasKeysInOrder(value, Object.keys(value))).toBe(true))));

    it('does not hold for other keys or another order', () => {
      expect(hasKeysInOrder({ a: 1, b: 2 }, ['b', 'a'])).toBe(false);
      expect(hasKeysInOrder({ a: 1, b: 2 }, ['a'])).toBe(false);
      expect(hasKeysInOrder({ a: 1 }, ['a', 'b'])).toBe(false);
    });
  });

  describe('given a document and the fields of its next version', () => {
    it('serialises exactly as a spread copy with those fields set, whatever the keys of the document', () =>
      fc.assert(
        fc.property(fc.oneof(anyObject, next), next, (current, fields) => {
          const keep = keyOrderKeeper<Shape>();
          const kept = keep(current, { id: fields.id, count: fields.count, at: fields.at });
          expect(JSON.stringify(kept)).toBe(
            JSON.stringify({ ...current, id: fields.id, count: fields.count, at: fields.at }),
          );
        }),
        { numRuns: 500 },
      ));

    it('gives the fields as they are, without a copy, when the document has their keys in order', () => {
      const fields = { id: 'a', count: 2, at: null };
      expect(keyOrderKeeper<Shape>()({ id: 'a', count: 1, at: null }, fields)).toBe(fields);
    });

    it('keeps the order and the other keys of a document shaped otherwise', () => {
      const current = { at: 'x', extra: true, id: 'a', count: 1 } as Shape;
      const kept = keyOrderKeeper<Shape>()(current, { id: 'a', count: 2, at: null });
      expect(Object.keys(kept)).toEqual(['at', 'extra', 'id', 'count']);
      expect(kept).toEqual({ at: null, extra: true, id: 'a', count: 2 });
    });
  });
});
