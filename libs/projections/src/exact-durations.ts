import { isValidDuration } from './duration-sketch';
import { round } from './numbers';

/**
 * Up to this many completed durations a metrics document keeps exactly; past it, its percentiles
 * come from the DDSketch. A sketch answers within 1% of a recorded value, but with few values it
 * reads a p95 off the lower of the two nearest ones (of two runs, the faster): the exact values
 * give the interpolated percentile instead.
 */
export const EXACT_DURATIONS_LIMIT = 256;

/** Where `value` goes in the ascending `sorted` (after any equal values). */
const insertionIndex = (sorted: readonly number[], value: number): number => {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const probe = sorted[middle];
    if (probe !== undefined && probe <= value) low = middle + 1;
    else high = middle;
  }
  return low;
};

/**
 * The ascending durations with one more, or null once there would be more than
 * EXACT_DURATIONS_LIMIT (and ever after). Sorted, so the same durations in any order give the same
 * array. An invalid duration (negative, not finite) leaves them unchanged, as it does the sketch.
 */
export const addExactDuration = (sorted: readonly number[] | null, value: number): number[] | null => {
  if (sorted === null || sorted.length >= EXACT_DURATIONS_LIMIT) return null;
  if (!isValidDuration(value)) return sorted.slice();
  const next = sorted.slice();
  next.splice(insertionIndex(sorted, value), 0, value === 0 ? 0 : value);
  return next;
};

/**
 * The value at each quantile q (0..1) of the ascending durations, interpolated linearly between
 * the two nearest at rank q × (n - 1), rounded to 3 decimals; null when there are none.
 */
export const exactQuantiles = (sorted: readonly number[], qs: readonly number[]): Array<number | null> =>
  qs.map((q) => {
    if (sorted.length === 0 || !(q >= 0 && q <= 1)) return null;
    const rank = q * (sorted.length - 1);
    const below = Math.floor(rank);
    const lower = sorted[below];
    const upper = sorted[Math.min(below + 1, sorted.length - 1)];
    if (lower === undefined || upper === undefined) return null;
    return round(lower + (rank - below) * (upper - lower), 3);
  });
