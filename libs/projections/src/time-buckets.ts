/** Records with more keys than this are copied key by key into a dictionary-mode object. */
const LARGE_RECORD = 256;

/**
 * A new empty object in V8's dictionary mode: copying a few hundred keys into one costs about
 * half of what a spread into a fast object does (which walks a long chain of hidden classes).
 */
const dictionaryObject = <V>(): Record<string, V> => {
  const record: Record<string, V> = { dictionary: undefined as V };
  delete record.dictionary;
  return record;
};

/** The record of `entries` in their order, as `Object.fromEntries` builds it, but faster. */
const recordOf = <V>(entries: readonly (readonly [string, V])[]): Record<string, V> => {
  const record: Record<string, V> = entries.length > LARGE_RECORD ? dictionaryObject() : {};
  for (const [key, value] of entries) {
    if (key === '__proto__') return Object.fromEntries(entries);
    record[key] = value;
  }
  return record;
};

/** `{ ...buckets, [key]: value }`, copied key by key for a large record (see `dictionaryObject`). */
const withValue = <V>(
  buckets: Readonly<Record<string, V>>,
  keys: readonly string[],
  key: string,
  value: V,
): Record<string, V> => {
  if (keys.length <= LARGE_RECORD || hasKey(buckets, '__proto__')) return { ...buckets, [key]: value };
  const record = dictionaryObject<V>();
  for (const bucket of keys) {
    const kept = buckets[bucket];
    if (kept !== undefined) record[bucket] = kept;
  }
  record[key] = value;
  return record;
};

/**
 * Keeps the buckets whose key is at or after `cutoffKey` and sets `key` to `update` of its
 * value when it is retained; the result has its keys in ascending order, so its JSON text is
 * stable. Buckets come in ascending order (this function wrote them), so no sort is needed,
 * and in the usual case (nothing expired, `key` already there or the newest) the result is a
 * copy with `key` set, which keeps that order.
 */
export const bumpBucket = <V>(
  buckets: Readonly<Record<string, V>>,
  key: string,
  cutoffKey: string,
  update: (current: V | undefined) => V,
): Record<string, V> => {
  const keys = Object.keys(buckets);
  for (let index = 1; index < keys.length; index += 1) {
    const current = keys[index];
    const previous = keys[index - 1];
    if (current !== undefined && previous !== undefined && current < previous) {
      return sortedBumpBucket(buckets, key, cutoffKey, update);
    }
  }
  const first = keys[0];
  const last = keys[keys.length - 1];
  if (
    key >= cutoffKey &&
    (first === undefined || first >= cutoffKey) &&
    (last === undefined || key >= last || hasKey(buckets, key))
  ) {
    return withValue(buckets, keys, key, update(buckets[key]));
  }
  const entries: [string, V][] = [];
  let pending = key >= cutoffKey;
  for (const bucket of keys) {
    if (bucket < cutoffKey || bucket === key) continue;
    if (pending && key < bucket) {
      entries.push([key, update(buckets[key])]);
      pending = false;
    }
    entries.push([bucket, buckets[bucket] as V]);
  }
  if (pending) entries.push([key, update(buckets[key])]);
  return recordOf(entries);
};

const hasKey = (buckets: object, key: string): boolean => Object.prototype.hasOwnProperty.call(buckets, key);

/** The same, for buckets not in ascending order (never written by this code). */
const sortedBumpBucket = <V>(
  buckets: Readonly<Record<string, V>>,
  key: string,
  cutoffKey: string,
  update: (current: V | undefined) => V,
): Record<string, V> => {
  const entries = Object.entries(buckets).filter(([bucket]) => bucket >= cutoffKey && bucket !== key);
  if (key >= cutoffKey) entries.push([key, update(buckets[key])]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return recordOf(entries);
};
