/**
 * Whether `value` enumerates exactly `keys`, in that order (so its own keys are those). Then an
 * object literal spelling out those keys serialises exactly as a spread copy of `value` with
 * the same fields set would, and V8 builds it far faster than a spread of a large object.
 */
export const hasKeysInOrder = (value: object, keys: readonly string[]): boolean => {
  let index = 0;
  for (const key in value) {
    if (key !== keys[index]) return false;
    index += 1;
  }
  return index === keys.length;
};

/**
 * A function giving `next` when `current` has the keys of `next` in the same order (the usual
 * case: `next` spelled out in document order), and otherwise a copy of `current` with the fields
 * of `next` set, which keeps the order and any other keys of `current` as a spread copy would.
 * Make one per object literal it is given: it reads the key order of the first `next` once.
 */
export const keyOrderKeeper = <T extends object>(): ((current: T, next: T) => T) => {
  let keys: readonly string[] | null = null;
  return (current, next) => {
    keys ??= Object.keys(next);
    return hasKeysInOrder(current, keys) ? next : { ...current, ...next };
  };
};
