// The package root exports only DDSketch; the mapping is what the bins need.
import { LogarithmicMapping } from '@datadog/sketches-js/dist/ddsketch/mapping';
import { LedgerError } from '@taskledger/events';
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

const mergeBins = (a: ReadonlyArray<[number, number]>, b: ReadonlyArray<[number, number]>): Array<[number, number]> => {
  const merged: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const left = a[i];
    const right = b[j];
    if (right === undefined || (left !== undefined && left[0] < right[0])) {
      merged.push([left![0], left![1]]);
      i += 1;
    } else if (left === undefined || right[0] < left[0]) {
      merged.push([right[0], right[1]]);
      j += 1;
    } else {
      merged.push([left[0], left[1] + right[1]]);
      i += 1;
      j += 1;
    }
  }
  return merged;
};

const minOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));
const maxOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/**
 * Merges two sketches into a new one; the result is the same in either order and equals the
 * sketch of all their values. Throws LedgerError('InvalidArgument') for different accuracies.
 */
export const mergeSketches = (a: DurationSketch, b: DurationSketch): DurationSketch => {
  if (a.relativeAccuracy !== b.relativeAccuracy) {
    throw new LedgerError('InvalidArgument', `cannot merge sketches of accuracy ${a.relativeAccuracy} and ${b.relativeAccuracy}`);
  }
  return {
    relativeAccuracy: a.relativeAccuracy,
    count: a.count + b.count,
    zeroCount: a.zeroCount + b.zeroCount,
    bins: mergeBins(a.bins, b.bins),
    sumMicros: a.sumMicros + b.sumMicros,
    min: minOf(a.min, b.min),
    max: maxOf(a.max, b.max),
  };
};

/** The bins with one more value in bin `key`; untouched [key, count] pairs are shared, never changed. */
const withBinCount = (bins: ReadonlyArray<[number, number]>, key: number): Array<[number, number]> => {
  let low = 0;
  let high = bins.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (bins[middle]![0] < key) low = middle + 1;
    else high = middle;
  }
  const next = bins.slice();
  const found = bins[low];
  if (found !== undefined && found[0] === key) next[low] = [key, found[1] + 1];
  else next.splice(low, 0, [key, 1]);
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
 * The value at quantile `q` (0..1) within the sketch's relative accuracy, clamped to the exact
 * min and max, rounded to 3 decimals (µs); null for an empty sketch or a q outside 0..1.
 */
export const quantile = (sketch: DurationSketch, q: number): number | null =>
  sketch.count === 0 || !(q >= 0 && q <= 1) ? null : round(rawQuantile(sketch, q), 3);

/** Mean in ms rounded to 3 decimals; null for an empty sketch. */
export const sketchMean = (sketch: DurationSketch): number | null =>
  sketch.count === 0 ? null : round(sketch.sumMicros / sketch.count / 1000, 3);
