const byKey = ([a]: readonly [string, unknown], [b]: readonly [string, unknown]): number =>
  a < b ? -1 : a > b ? 1 : 0;

const hasKey = (buckets: object, key: string): boolean => Object.prototype.hasOwnProperty.call(buckets, key);

/** Whether the keys ascend and none is before `cutoffKey`: nothing to drop or reorder. */
const ascendingFrom = (keys: readonly string[], cutoffKey: string): boolean =>
  keys.every((key, index) => (index === 0 ? key >= cutoffKey : key > (keys[index - 1] as string)));

/**
 * Keeps the buckets whose key is at or after `cutoffKey` and sets `key` to `update` of its
 * value when it is retained; the result has its keys in ascending order, so its JSON text is
 * stable. When nothing expires and `key` is there already or the newest (events mostly arrive
 * in time order), a copy with `key` set keeps that order.
 */
export const bumpBucket = <V>(
  buckets: Readonly<Record<string, V>>,
  key: string,
  cutoffKey: string,
  update: (current: V | undefined) => V,
): Record<string, V> => {
  const keys = Object.keys(buckets);
  const last = keys[keys.length - 1];
  const keepsOrder = last === undefined || key > last || hasKey(buckets, key);
  if (key >= cutoffKey && keepsOrder && ascendingFrom(keys, cutoffKey)) {
    return { ...buckets, [key]: update(buckets[key]) };
  }
  const entries = Object.entries(buckets).filter(([bucket]) => bucket >= cutoffKey && bucket !== key);
  if (key >= cutoffKey) entries.push([key, update(buckets[key])]);
  return Object.fromEntries(entries.sort(byKey));
};
