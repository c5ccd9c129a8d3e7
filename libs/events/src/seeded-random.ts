/**
 * Deterministic pseudo-random numbers (mulberry32): the same seed gives the same backlog,
 * task histories and benchmark fixtures on every run.
 */
export const seeded = (seed: number) => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** Integer in [min, max]. */
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return {
    next,
    int,
    chance: (probability: number): boolean => next() < probability,
    pick,
    words: (vocabulary: readonly string[], min: number, max: number): string =>
      Array.from({ length: int(min, max) }, () => pick(vocabulary)).join(' '),
  };
};

export type Random = ReturnType<typeof seeded>;
