import { isTaskledgerError } from '@taskledger/errors';
import fc from 'fast-check';
import { parseFilter, parseFindQuery, parseSort } from './query';
import { decodeCursor, encodeCursor } from './query-cursor';

const invalidField = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return isTaskledgerError(error, 'InvalidQuery') ? error.details?.['field'] : error;
  }
  throw new Error('expected InvalidQuery');
};

describe('query parsing', () => {
  it('ignores undefined conditions and bounds, so optional parameters can be passed through', () => {
    expect(parseFilter({ status: undefined, at: { gte: '2025', lt: undefined } })).toEqual([
      { kind: 'range', field: 'at', type: 'string', bounds: [{ op: 'gte', value: '2025' }] },
    ]);
    expect(invalidField(() => parseFilter({ at: {} }))).toBe('at');
  });

  it('accepts only top-level identifiers as fields', () => {
    fc.assert(
      fc.property(fc.string(), (field) => {
        const valid = /^[A-Za-z_][A-Za-z0-9_]*$/.test(field) && field !== '_id' && field.length <= 128;
        if (valid) expect(parseFilter({ [field]: 1 })).toHaveLength(1);
        else expect(invalidField(() => parseFilter({ [field]: 1 }))).toBe(field);
      }),
    );
  });

  it('breaks sort ties by id in the direction of the last key, and stops at an explicit id', () => {
    expect(parseSort([{ field: 'at', direction: 'desc' }])).toEqual([
      { field: 'at', direction: 'desc' },
      { field: 'id', direction: 'desc' },
    ]);
    expect(parseSort([{ field: 'id', direction: 'desc' }, { field: 'at' }])).toEqual([
      { field: 'id', direction: 'desc' },
    ]);
    expect(parseSort()).toEqual([{ field: 'id', direction: 'asc' }]);
    expect(invalidField(() => parseSort([{ field: 'at' }, { field: 'at' }]))).toBe('at');
  });
});

describe('cursors', () => {
  const signature = 'at:asc,id:asc';

  it('decode to the position they encode', () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(value, fc.string({ unit: 'binary' }), (at, id) => {
        const position = { values: [at], id };
        expect(decodeCursor(encodeCursor(signature, position), signature)).toEqual({
          values: [Object.is(at, -0) ? 0 : at],
          id,
        });
      }),
    );
  });

  it('refuses anything that is not a cursor for this sort', () => {
    const other = encodeCursor('status:asc,id:asc', { values: ['x'], id: 'y' });
    const garbage = [
      '',
      'not a cursor!',
      Buffer.from('{"s":1}').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
    ];
    for (const cursor of [other, ...garbage])
      expect(invalidField(() => decodeCursor(cursor, signature))).toBe('cursor');
    expect(
      invalidField(() =>
        parseFindQuery({ sort: [{ field: 'status' }], cursor: encodeCursor(signature, { values: [1], id: 'a' }) }),
      ),
    ).toBe('cursor');
  });
});
