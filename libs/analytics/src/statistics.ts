/** Small statistics over plain numbers; every function ignores input order. */

export const sortedCopy = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/** The middle value (mean of the two middle values for an even count); null for no values. */
export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = sortedCopy(values);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle];
  const lower = sorted[middle - 1];
  if (upper === undefined) return null;
  return sorted.length % 2 === 1 || lower === undefined ? upper : (lower + upper) / 2;
};

/** Median absolute deviation from the median; null for no values. */
export const medianAbsoluteDeviation = (values: readonly number[]): number | null => {
  const centre = median(values);
  return centre === null ? null : median(values.map((value) => Math.abs(value - centre)));
};

/**
 * Iglewicz and Hoaglin's modified z-score: 0.6745 (x - median) / MAD. The constant makes it
 * comparable to a standard z-score for normal data; |z| > 3.5 is their outlier rule.
 */
export const robustZ = (value: number, centre: number, mad: number): number => (0.6745 * (value - centre)) / mad;

/** Ranks 1..n, ties sharing the mean of the ranks they span (fractional ranking). */
export const fractionalRanks = (values: readonly number[]): number[] => {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  for (const [end, entry] of order.entries()) {
    if (order[end + 1]?.value === entry.value) continue;
    const rank = (start + end) / 2 + 1;
    for (const tied of order.slice(start, end + 1)) ranks[tied.index] = rank;
    start = end + 1;
  }
  return ranks;
};

/** Pearson's correlation; null when fewer than two pairs or either side has no variance. */
export const pearson = (xs: readonly number[], ys: readonly number[]): number | null => {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  const meanX = xs.slice(0, n).reduce((sum, x) => sum + x, 0) / n;
  const meanY = ys.slice(0, n).reduce((sum, y) => sum + y, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let i = 0; i < n; i += 1) {
    const x = xs[i];
    const y = ys[i];
    if (x === undefined || y === undefined) break;
    const dx = x - meanX;
    const dy = y - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  if (varianceX === 0 || varianceY === 0) return null;
  return Math.max(-1, Math.min(1, covariance / Math.sqrt(varianceX * varianceY)));
};

/** Spearman's rank correlation: Pearson's on fractional ranks (so ties are handled). */
export const spearman = (xs: readonly number[], ys: readonly number[]): number | null => {
  const n = Math.min(xs.length, ys.length);
  return pearson(fractionalRanks(xs.slice(0, n)), fractionalRanks(ys.slice(0, n)));
};

export const roundTo = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};
