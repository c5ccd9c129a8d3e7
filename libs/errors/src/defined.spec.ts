import { defined } from './defined';

describe('defined', () => {
  it('returns a present value, including falsy ones', () => {
    expect(defined(0, 'the count')).toBe(0);
    expect(defined(null, 'the document')).toBeNull();
  });

  it('throws an error naming what is missing', () => {
    expect(() => defined(undefined, 'the checkpoint row')).toThrow('internal error: the checkpoint row is missing');
  });
});
