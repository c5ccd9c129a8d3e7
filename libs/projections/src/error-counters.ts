import { FingerprintStat, MAX_FINGERPRINT_TASKS, TypeCount } from './error-statistics.doc';

/** Most fingerprints a document keeps. */
export const MAX_FINGERPRINTS = 500;
/** Fingerprints listed in `topFingerprints`. */
export const TOP_FINGERPRINTS = 20;
/** Most error types a document keeps in `byType`. */
export const MAX_ERROR_TYPES = 100;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byCountThenType = (a: TypeCount, b: TypeCount): number => b.count - a.count || compareText(a.type, b.type);

/** One more error of `type`; when the list is full a new type evicts the last entry first. */
export const countErrorType = (entries: readonly TypeCount[], type: string, cap = MAX_ERROR_TYPES): TypeCount[] => {
  const known = entries.some((entry) => entry.type === type);
  const kept = known || entries.length < cap ? entries : entries.slice(0, cap - 1);
  const next = known
    ? kept.map((entry) => (entry.type === type ? { type, count: entry.count + 1 } : entry))
    : [...kept, { type, count: 1 }];
  return next.sort(byCountThenType);
};

/** What one error contributes to the fingerprint list. */
export interface FingerprintSighting {
  id: string;
  fingerprint: string;
  at: string;
  example: string;
  errorType: string;
  category: FingerprintStat['category'];
  taskId: string;
}

/** Least frequent first, then least recently seen, then lowest id: the eviction order. */
const evictionOrder = (a: FingerprintStat, b: FingerprintStat): number =>
  a.count - b.count || compareText(a.lastSeenAt, b.lastSeenAt) || compareText(a.id, b.id);

/** Drops the first stat in eviction order (what sorting a copy and taking its head would pick). */
const withoutVictim = (stats: readonly FingerprintStat[]): FingerprintStat[] => {
  let victim = stats[0];
  for (const stat of stats) if (victim === undefined || evictionOrder(stat, victim) < 0) victim = stat;
  return stats.filter((stat) => stat !== victim);
};

const seenAgain = (stat: FingerprintStat, { at, taskId }: FingerprintSighting): FingerprintStat => ({
  ...stat,
  count: stat.count + 1,
  firstSeenAt: at < stat.firstSeenAt ? at : stat.firstSeenAt,
  lastSeenAt: at > stat.lastSeenAt ? at : stat.lastSeenAt,
  tasks: withTask(stat.tasks, taskId),
});

/** The task added to the (id-ordered) list, unless it is there or the list is full. */
const withTask = (tasks: readonly string[], taskId: string): string[] =>
  tasks.includes(taskId) || tasks.length >= MAX_FINGERPRINT_TASKS ? [...tasks] : [...tasks, taskId].sort(compareText);

const firstSighting = (sighting: FingerprintSighting): FingerprintStat => ({
  id: sighting.id,
  fingerprint: sighting.fingerprint,
  count: 1,
  firstSeenAt: sighting.at,
  lastSeenAt: sighting.at,
  example: sighting.example,
  errorType: sighting.errorType,
  category: sighting.category,
  tasks: [sighting.taskId],
});

/** The list with every stat of the sighting's id seen again (there is one, at `first`, unless the list was edited by hand). */
const withSeenAgain = (
  stats: readonly FingerprintStat[],
  first: number,
  sighting: FingerprintSighting,
): FingerprintStat[] => {
  const next = stats.slice();
  for (let index = first; index < next.length; index += 1) {
    const stat = next[index];
    if (stat !== undefined && stat.id === sighting.id) next[index] = seenAgain(stat, sighting);
  }
  return next;
};

/**
 * Counts a sighting in the list (sorted by id, at most `cap` long). A new fingerprint in a full
 * list first evicts the least frequent, least recently seen one; `evicted` says whether it did.
 */
export const recordFingerprint = (
  stats: readonly FingerprintStat[],
  sighting: FingerprintSighting,
  cap = MAX_FINGERPRINTS,
): { fingerprints: FingerprintStat[]; evicted: boolean } => {
  const seen = stats.findIndex((stat) => stat.id === sighting.id);
  if (seen >= 0) return { fingerprints: withSeenAgain(stats, seen, sighting), evicted: false };
  const evicted = stats.length >= cap;
  const kept = evicted ? withoutVictim(stats) : [...stats];
  const fingerprints = [...kept, firstSighting(sighting)].sort((a, b) => compareText(a.id, b.id));
  return { fingerprints, evicted };
};

/** The most frequent fingerprints: count desc, then most recently seen, then id. */
export const topFingerprints = (stats: readonly FingerprintStat[], limit = TOP_FINGERPRINTS): FingerprintStat[] =>
  [...stats]
    .sort((a, b) => b.count - a.count || compareText(b.lastSeenAt, a.lastSeenAt) || compareText(a.id, b.id))
    .slice(0, limit);
