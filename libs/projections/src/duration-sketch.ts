// The package root exports only DDSketch; the mapping is what the bins need.
import { LogarithmicMapping } from '@datadog/sketches-js/dist/ddsketch/mapping';

import { round } from './numbers';

/** Relative accuracy of every duration sketch: a quantile is within 1% of the true value. */
export const SKETCH_RELATIVE_ACCURACY = 0.01;

/**
 * A DDSketch of durations (ms) as plain JSON: the bins of the DDSketch logarithmic mapping
 * (`@datadog/sketches-js` LogarithmicMapping, gamma = (1 + a) / (1 - a)) as [key, count]
 * pairs sorted by key. The library's own protobuf encoding depends on insertion order, so it is
 * not used: this form is the same for any order of the same values and merges exactly.
 */
export interface DurationSketch {
  relativeAccuracy: number;
  count: number;
  /** Values too small for the mapping (0 ms). */
  zeroCount: number;
  bins: Array<[number, number]>;
  /** Sum in integer microseconds, so the total does not depend on addition order. */
  sumMicros: number;
  min: number | null;
  max: number | null;
}

const mappings = new Map<number, LogarithmicMapping>();
const mappingFor = (relativeAccuracy: number): LogarithmicMapping => {
  let mapping = mappings.get(relativeAccuracy);
  if (!mapping) {
    mapping = new LogarithmicMapping(relativeAccuracy);
    mappings.set(relativeAccuracy, mapping);
  }
  return mapping;
};

export const emptySketch = (relativeAccuracy = SKETCH_RELATIVE_ACCURACY): DurationSketch => ({
  relativeAccuracy,
  count: 0,
  zeroCount: 0,
  bins: [],
  sumMicros: 0,
  min: null,
  max: null,
});

/** Durations a sketch accepts: finite and not negative. */
export const isValidDuration = (value: number): boolean => Number.isFinite(value) && value >= 0;

const minOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));
const maxOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/** The bins with one more value in bin `key`; untouched [key, count] pairs are shared, never changed. */
const withBinCount = (bins: ReadonlyArray<[number, number]>, key: number): Array<[number, number]> => {
  let low = 0;
  let high = bins.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const probe = bins[middle];
    if (probe !== undefined && probe[0] < key) low = middle + 1;
    else high = middle;
  }
  const found = bins[low];
  if (found !== undefined && found[0] === key) {
    const next = bins.slice();
    next[low] = [key, found[1] + 1];
    return next;
  }
  const next = bins.slice();
  next.splice(low, 0, [key, 1]);
  return next;
};

/**
 * The sketch with one more duration; an invalid duration (negative, not finite) leaves it
 * unchanged. The same as merging in a sketch of that one value, without building one.
 */
export const addToSketch = (sketch: DurationSketch, value: number): DurationSketch => {
  if (!isValidDuration(value)) return sketch;
  const mapping = mappingFor(sketch.relativeAccuracy);
  const isZero = value <= mapping.minPossible;
  return {
    relativeAccuracy: sketch.relativeAccuracy,
    count: sketch.count + 1,
    zeroCount: sketch.zeroCount + (isZero ? 1 : 0),
    bins: isZero ? sketch.bins.slice() : withBinCount(sketch.bins, mapping.key(value)),
    sumMicros: sketch.sumMicros + Math.round(value * 1000),
    min: minOf(sketch.min, value),
    max: maxOf(sketch.max, value),
  };
};

const clamp = (value: number, sketch: DurationSketch): number =>
  Math.min(Math.max(value, sketch.min ?? value), sketch.max ?? value);

/** Whether `q` is a quantile a sketch answers for: 0..1 (NaN is not). */
const isQuantile = (q: number): boolean => q >= 0 && q <= 1;

const rawQuantile = (sketch: DurationSketch, q: number): number => {
  const rank = q * (sketch.count - 1);
  let running = sketch.zeroCount;
  if (rank < running) return 0;
  for (const [key, count] of sketch.bins) {
    running += count;
    if (running > rank) return clamp(mappingFor(sketch.relativeAccuracy).value(key), sketch);
  }
  return sketch.max ?? 0;
};

/**
 * The values at ascending quantiles `qs`, each as `quantile` gives it, from one pass over the
 * bins (the projections ask for several on every event): the ranks only grow, and a higher rank
 * is never reached in an earlier bin than a lower one. Null for an empty sketch or a q outside 0..1.
 */
export const quantiles = (sketch: DurationSketch, qs: readonly number[]): Array<number | null> => {
  const values: Array<number | null> = [];
  const { bins } = sketch;
  let running = sketch.zeroCount;
  let bin = 0;
  for (const q of qs) {
    const rank = q * (sketch.count - 1);
    if (sketch.count === 0 || !isQuantile(q)) values.push(null);
    else if (rank < sketch.zeroCount) values.push(0);
    else {
      for (let next = bins[bin]; running <= rank && next !== undefined; next = bins[bin]) {
        running += next[1];
        bin += 1;
      }
      const reached = bins[bin - 1];
      const value =
        running > rank && reached !== undefined
          ? clamp(mappingFor(sketch.relativeAccuracy).value(reached[0]), sketch)
          : (sketch.max ?? 0);
      values.push(round(value, 3));
    }
  }
  return values;
};

/**
 * The value at quantile `q` (0..1) within the sketch's relative accuracy, clamped to the exact
 * min and max, rounded to 3 decimals (µs); null for an empty sketch or a q outside 0..1.
 */
export const quantile = (sketch: DurationSketch, q: number): number | null =>
  sketch.count === 0 || !isQuantile(q) ? null : round(rawQuantile(sketch, q), 3);

/** Mean in ms rounded to 3 decimals; null for an empty sketch. */
export const sketchMean = (sketch: DurationSketch): number | null =>
  sketch.count === 0 ? null : round(sketch.sumMicros / sketch.count / 1000, 3);
