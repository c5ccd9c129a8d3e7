import fc from 'fast-check';
import { compareStrings, compareValues } from './value-order';

describe('value order', () => {
  it('orders strings like their UTF-8 bytes (SQLite BINARY, MongoDB), not like UTF-16 units', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(compareStrings(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
      { numRuns: 2000 },
    );
    expect(compareStrings('😀', '\ue000')).toBeGreaterThan(0);
  });

  it('orders types null, numbers, strings, objects, arrays, booleans', () => {
    const sorted = [true, [1], { a: 1 }, 'a', 2, null].sort(compareValues);
    expect(sorted).toEqual([null, 2, 'a', { a: 1 }, [1], true]);
    expect(compareValues(undefined, null)).toBe(0);
  });
});
