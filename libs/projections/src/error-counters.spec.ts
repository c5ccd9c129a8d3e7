import fc from 'fast-check';
import { FingerprintSighting, recordFingerprint } from './error-counters';
import { FingerprintStat } from './error-statistics.doc';

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The definition the faster list update must agree with: sort to find the victim, map to count. */
const reference = (stats: readonly FingerprintStat[], sighting: FingerprintSighting, cap: number) => {
  if (stats.some((stat) => stat.id === sighting.id)) {
    const seenAgain = (stat: FingerprintStat): FingerprintStat => ({
      ...stat,
      count: stat.count + 1,
      firstSeenAt: sighting.at < stat.firstSeenAt ? sighting.at : stat.firstSeenAt,
      lastSeenAt: sighting.at > stat.lastSeenAt ? sighting.at : stat.lastSeenAt,
      tasks:
        stat.tasks.includes(sighting.taskId) || stat.tasks.length >= 10
          ? stat.tasks
          : [...stat.tasks, sighting.taskId].sort(compareText),
    });
    return { fingerprints: stats.map((stat) => (stat.id === sighting.id ? seenAgain(stat) : stat)), evicted: false };
  }
  const evictionOrder = (a: FingerprintStat, b: FingerprintStat) =>
    a.count - b.count || compareText(a.lastSeenAt, b.lastSeenAt) || compareText(a.id, b.id);
  const evicted = stats.length >= cap;
  const victim = evicted ? [...stats].sort(evictionOrder)[0] : undefined;
  const kept = stats.filter((stat) => stat !== victim);
  const fingerprint: FingerprintStat = {
    id: sighting.id,
    fingerprint: sighting.fingerprint,
    count: 1,
    firstSeenAt: sighting.at,
    lastSeenAt: sighting.at,
    example: sighting.example,
    errorType: sighting.errorType,
    category: sighting.category,
    tasks: [sighting.taskId],
  };
  return { fingerprints: [...kept, fingerprint].sort((a, b) => compareText(a.id, b.id)), evicted };
};

const id = fc.constantFrom('0a', '1b', '2c', '3d', '4e', '5f', '6a');
const time = fc.integer({ min: 0, max: 5 }).map((minute) => `2026-01-01T00:0${minute}:00.000Z`);
const stat = fc.record({
  id,
  fingerprint: fc.constant('boom <n>'),
  count: fc.integer({ min: 1, max: 4 }),
  firstSeenAt: time,
  lastSeenAt: time,
  example: fc.constant('boom 1'),
  errorType: fc.constant('exit'),
  category: fc.constant('network' as const),
  tasks: fc.uniqueArray(fc.constantFrom('T-1', 'T-2', 'T-3'), { maxLength: 3 }).map((ids) => ids.sort(compareText)),
});
/** Lists as stored (unique ids sorted) and as no code writes them (duplicates, any order). */
const stats = fc.oneof(
  fc
    .uniqueArray(stat, { selector: (each) => each.id, maxLength: 7 })
    .map((list) => list.sort((a, b) => compareText(a.id, b.id))),
  fc.array(stat, { maxLength: 7 }),
);
const sighting = fc.record({
  id,
  fingerprint: fc.constant('boom <n>'),
  at: time,
  example: fc.constant('boom 2'),
  errorType: fc.constant('exit'),
  category: fc.constant('timeout' as const),
  taskId: fc.constantFrom('T-1', 'T-2', 'T-3', 'T-4'),
});

describe('error counters', () => {
  describe('when counting a fingerprint sighting', () => {
    it('gives what sorting for the victim and mapping the list gives, for any list and cap', () =>
      fc.assert(
        fc.property(stats, sighting, fc.integer({ min: 1, max: 8 }), (list, seen, cap) => {
          const frozen = Object.freeze(list.map((each) => Object.freeze({ ...each })));
          expect(JSON.stringify(recordFingerprint(frozen, seen, cap))).toBe(JSON.stringify(reference(list, seen, cap)));
        }),
        { numRuns: 1000 },
      ));
  });
});
