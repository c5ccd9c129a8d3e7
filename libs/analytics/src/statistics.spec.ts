import fc from 'fast-check';
import { fractionalRanks, median, medianAbsoluteDeviation, pearson, spearman } from './statistics';

const samples = fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 30 });
const pairs = samples.chain((xs) =>
  fc.tuple(
    fc.constant(xs),
    fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: xs.length, maxLength: xs.length }),
  ),
);

describe('robust statistics', () => {
  it('given an odd and an even count, the median is the middle value or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('given 1 2 3 4 100, the median absolute deviation ignores the outlier', () => {
    expect(medianAbsoluteDeviation([1, 2, 3, 4, 100])).toBe(1);
  });

  it('given ties, ranks share the mean of the positions they span', () => {
    expect(fractionalRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
  });
});

describe('spearman correlation', () => {
  it('given a monotonic but non-linear relation, rho is exactly 1 where pearson is not', () => {
    const xs = [1, 2, 3, 4, 5];
    const ys = xs.map((x) => x ** 4);
    expect(spearman(xs, ys)).toBe(1);
    expect(pearson(xs, ys)).toBeLessThan(1);
  });

  it('given a hand-computed example (1 - 6 sum d^2 / n(n^2 - 1) = 1 - 6*2/(5*24) = 0.9), rho is 0.9', () => {
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 3, 4, 5])).toBeCloseTo(0.9, 12);
  });

  it('given a constant side, rho is null (undefined, not zero)', () => {
    expect(spearman([1, 2, 3], [7, 7, 7])).toBeNull();
  });

  it('is within [-1, 1] and symmetric in its arguments', () => {
    fc.assert(
      fc.property(pairs, ([xs, ys]) => {
        const rho = spearman(xs, ys);
        expect(rho === null || (rho >= -1 && rho <= 1)).toBe(true);
        expect(spearman(ys, xs)).toBe(rho);
      }),
    );
  });

  it('does not change under a strictly increasing transform of one side', () => {
    fc.assert(
      fc.property(pairs, ([xs, ys]) => {
        const rho = spearman(xs, ys);
        const transformed = spearman(
          xs.map((x) => Math.exp(x / 100)),
          ys,
        );
        if (rho === null) expect(transformed).toBeNull();
        else expect(transformed).toBeCloseTo(rho, 10);
      }),
    );
  });
});
