import { attemptFailed, recoveryAttempted } from '@taskledger/events/testing';
import { given } from '../test/given';
import { errorStatisticsProjection as projection } from './error-statistics.projection';
import { fingerprintError } from './error-fingerprint';
import { ErrorStatisticsDoc } from './error-statistics.doc';
import { at, deepFreeze, toProjected } from './testing';

const T = 'B-010';
const failure = (
  message: string,
  category: 'network' | 'timeout' | 'database' = 'network',
  severity: 'low' | 'high' = 'high',
  type = 'exit',
) => attemptFailed(T, { error: { message, type }, classification: { category, severity } });

/** A digit-free word per number, so every message has its own fingerprint. */
const word = (n: number): string => [n % 26, Math.floor(n / 26) % 26].map((d) => String.fromCharCode(97 + d)).join('');

describe('error_statistics read model', () => {
  describe('given attempt failures', () => {
    const history = [
      failure('connect ECONNREFUSED 10.0.0.1:5432'),
      failure('connect ECONNREFUSED 10.0.0.2:6543'),
      failure('timed out after 3000 ms', 'timeout', 'low', 'timeout'),
    ];

    it('counts them globally by category, severity and type', () =>
      given(projection, history).then('_global', {
        scope: 'global',
        category: null,
        totalErrors: 3,
        byCategory: {
          network: 2,
          file_system: 0,
          database: 0,
          permission: 0,
          timeout: 1,
          validation: 0,
          execution: 0,
          unknown: 0,
        },
        bySeverity: { low: 1, medium: 0, high: 2, critical: 0 },
        byType: [
          { type: 'exit', count: 2 },
          { type: 'timeout', count: 1 },
        ],
        mostCommonCategory: 'network',
        firstErrorAt: '2026-01-01T00:00:00.000Z',
        lastErrorAt: '2026-01-01T00:00:02.000Z',
      }));

    it('keeps a document per category with only its errors', () =>
      given(projection, history).then('category:network', {
        scope: 'category',
        category: 'network',
        totalErrors: 2,
        mostCommonCategory: 'network',
      }));

    it('groups messages that differ only in numbers, paths or ids under one fingerprint', () => {
      const doc = given(projection, history).doc('_global');
      const expected = fingerprintError('connect ECONNREFUSED 10.0.0.1:5432', 'exit');
      expect(doc.topFingerprints[0]).toEqual({
        id: expected.id,
        fingerprint: 'connect econnrefused <n>:<n>',
        count: 2,
        firstSeenAt: '2026-01-01T00:00:00.000Z',
        lastSeenAt: '2026-01-01T00:00:01.000Z',
        example: 'connect ECONNREFUSED 10.0.0.1:5432',
        errorType: 'exit',
        category: 'network',
        tasks: [T],
      });
      expect(doc.topFingerprints.map((stat) => stat.count)).toEqual([2, 1]);
    });

    it('lists the distinct tasks a fingerprint hit, in id order, at most 10', () => {
      const hit = (taskId: string) =>
        attemptFailed(taskId, {
          error: { message: 'disk full on /dev/sda1', type: 'exit' },
          classification: { category: 'file_system', severity: 'high' },
        });
      const ids = Array.from({ length: 12 }, (_, i) => `T-${String(12 - i).padStart(2, '0')}`);
      const doc = given(projection, [hit('T-12'), hit('T-12'), ...ids.map(hit)]).doc('_global');
      expect(doc.topFingerprints[0]).toMatchObject({
        count: 14,
        tasks: ['T-03', 'T-04', 'T-05', 'T-06', 'T-07', 'T-08', 'T-09', 'T-10', 'T-11', 'T-12'],
      });
    });

    it('counts errors per UTC hour and day', () => {
      const doc = given(projection, [
        at('2026-01-01T10:15:00+02:00', failure('a')),
        at('2026-01-01T08:45:00Z', failure('b')),
        at('2026-01-02T00:00:00Z', failure('c')),
      ]).doc('_global');
      expect(doc.hourly).toEqual({ '2026-01-01T08': 2, '2026-01-02T00': 1 });
      expect(doc.daily).toEqual({ '2026-01-01': 2, '2026-01-02': 1 });
    });

    it('keeps hourly buckets for 30 days and daily buckets longer', () => {
      const doc = given(projection, [
        at('2026-01-01T00:00:00Z', failure('a')),
        at('2026-02-15T00:00:00Z', failure('b')),
      ]).doc('_global');
      expect(Object.keys(doc.hourly)).toEqual(['2026-02-15T00']);
      expect(Object.keys(doc.daily)).toEqual(['2026-01-01', '2026-02-15']);
    });
  });

  describe('given many distinct failures', () => {
    it('keeps at most 500 fingerprints, evicting the least frequent and oldest first', () => {
      const distinct = Array.from({ length: 505 }, (_, i) => failure(`failure kind ${word(i)}`));
      const history = [failure('the usual suspect'), failure('the usual suspect'), ...distinct];
      const doc = given(projection, history).doc('_global');
      expect(doc.fingerprints).toHaveLength(500);
      expect(doc.evictedFingerprints).toBe(6);
      expect(doc.totalErrors).toBe(507);
      expect(doc.topFingerprints).toHaveLength(20);
      expect(doc.topFingerprints[0]).toMatchObject({ example: 'the usual suspect', count: 2 });
      expect(doc.fingerprints.some((stat) => stat.example === distinct[0]!.data.error.message)).toBe(false);
      expect(doc.fingerprints.some((stat) => stat.example === distinct[504]!.data.error.message)).toBe(true);
    });
  });

  describe('when recovery actions are attempted', () => {
    it('rates successes against failures, counting not-applicable apart', () =>
      given(projection, [
        recoveryAttempted(T, { category: 'timeout', action: 'extend-timeout', outcome: 'succeeded' }),
        recoveryAttempted(T, { category: 'timeout', action: 'extend-timeout', outcome: 'failed' }),
        recoveryAttempted(T, { category: 'timeout', action: 'backoff', outcome: 'succeeded' }),
        recoveryAttempted(T, { category: 'network', action: 'needs-person', outcome: 'not-applicable' }),
      ]).then('_global', {
        totalErrors: 0,
        recovery: expect.objectContaining({
          attempted: 4,
          succeeded: 2,
          failed: 1,
          notApplicable: 1,
          successRate: 0.6667,
          byAction: expect.objectContaining({
            'extend-timeout': { attempted: 2, succeeded: 1, failed: 1, notApplicable: 0 },
            backoff: { attempted: 1, succeeded: 1, failed: 0, notApplicable: 0 },
          }),
        }),
      }));

    it('counts them in the category document too', () =>
      given(projection, [recoveryAttempted(T, { category: 'timeout', outcome: 'succeeded' })]).then(
        'category:timeout',
        {
          recovery: expect.objectContaining({ attempted: 1, succeeded: 1, successRate: 1 }),
        },
      ));
  });

  describe('given a stored document shaped otherwise (keys in another order, keys of its own)', () => {
    type Event = Parameters<typeof projection.evolve>[1];
    const [first, error, recovery] = toProjected([
      failure('a'),
      failure('b'),
      recoveryAttempted(T, { category: 'network' }),
    ]) as Event[];
    const evolve = (doc: ErrorStatisticsDoc | null, event: Event) =>
      projection.evolve(deepFreeze(doc), event, '_global')!;
    const stored = evolve(null, first!);
    const reordered = (doc: ErrorStatisticsDoc) => {
      const { updatedAt, fingerprints, ...rest } = doc;
      return { updatedAt, legacy: 'kept', ...rest, fingerprints } as ErrorStatisticsDoc;
    };

    it.each([
      ['an attempt failure', error!],
      ['a recovery action', recovery!],
    ])('keeps its key order and its own keys after %s, with the same values as a usual document gets', (_, event) =>
      expect(JSON.stringify(evolve(reordered(stored), event))).toBe(JSON.stringify(reordered(evolve(stored, event)))),
    );
  });
});
