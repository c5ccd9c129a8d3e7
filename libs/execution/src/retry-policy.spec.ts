import fc from 'fast-check';
import type { ErrorCategory, RetryPolicy } from '@taskledger/events';
import {
  backoffDelayMs,
  defaultRetryPolicies,
  JITTER_MIN_FACTOR,
  nextRetry,
  resolvePolicies,
  RetryPoliciesConfig,
} from './retry-policy';
import {
  at,
  constantRandom,
  executionStarted,
  failAttempt,
  fakeClock,
  given,
  sequenceRandom,
  startExecution,
  taskRegistered,
  testDecisionContext,
} from './testing';
import { rawErrorFacts } from './error-facts';

const delays = (policy: RetryPolicy, random = constantRandom(1)): number[] => {
  const result: number[] = [];
  for (let used = 0; ; used += 1) {
    const next = nextRetry(policy, used, random);
    if (!next) return result;
    result.push(next.delayMs);
  }
};

const policyArb: fc.Arbitrary<RetryPolicy> = fc.record({
  category: fc.constantFrom<ErrorCategory>('network', 'execution', 'unknown'),
  maxRetries: fc.integer({ min: 0, max: 12 }),
  baseDelayMs: fc.integer({ min: 0, max: 100_000 }),
  multiplier: fc.double({ min: 1, max: 10, noNaN: true }),
  maxDelayMs: fc.integer({ min: 0, max: 600_000 }),
  jitter: fc.boolean(),
});

describe('retry policies', () => {
  it('default to the built-in values per category, but never retry a permission failure (it needs a person)', () =>
    expect(
      Object.values(defaultRetryPolicies).map((p) => [
        p.category,
        p.maxRetries,
        p.baseDelayMs,
        p.multiplier,
        p.maxDelayMs,
        p.jitter,
      ]),
    ).toEqual([
      ['network', 5, 2_000, 2, 60_000, true],
      ['file_system', 3, 1_000, 1.5, 30_000, false],
      ['database', 3, 5_000, 2, 120_000, true],
      ['permission', 0, 1_000, 1, 10_000, false],
      ['timeout', 2, 5_000, 2, 60_000, true],
      ['validation', 1, 0, 1, 0, false],
      ['execution', 3, 2_000, 1.5, 30_000, true],
      ['unknown', 3, 2_000, 1.5, 30_000, true],
    ]));

  it('grows a network delay exponentially up to the cap, then stops after 5 retries', () =>
    expect(delays({ ...defaultRetryPolicies.network, maxDelayMs: 20_000 })).toEqual([
      2_000, 4_000, 8_000, 16_000, 20_000,
    ]));

  it('keeps a permission delay constant when retries are configured', () =>
    expect(delays({ ...defaultRetryPolicies.permission, maxRetries: 2 })).toEqual([1_000, 1_000]));

  it('retries a validation failure once without delay', () =>
    expect(delays(defaultRetryPolicies.validation)).toEqual([0]));

  it('jitters within the band using the injected random source', () => {
    expect(nextRetry(defaultRetryPolicies.network, 1, constantRandom(0))).toEqual({ delayMs: 2_000 });
    expect(nextRetry(defaultRetryPolicies.network, 1, constantRandom(0.5))).toEqual({ delayMs: 3_000 });
    expect(nextRetry(defaultRetryPolicies.network, 1, constantRandom(0.999999))).toEqual({ delayMs: 3_999 });
  });

  it('does not draw a random number for a policy without jitter', () => {
    const random = jest.fn(() => 0.3);
    nextRetry(defaultRetryPolicies.file_system, 0, random);
    expect(random).not.toHaveBeenCalled();
  });

  it('treats a random source outside [0, 1) as its nearest bound', () => {
    expect(nextRetry(defaultRetryPolicies.network, 0, constantRandom(7))).toEqual({ delayMs: 2_000 });
    expect(nextRetry(defaultRetryPolicies.network, 0, constantRandom(Number.NaN))).toEqual({ delayMs: 1_000 });
  });

  describe('overrides from taskledger.config.json', () => {
    it('replace only the fields given', () => {
      const policies = resolvePolicies(RetryPoliciesConfig.parse({ network: { maxRetries: 1, jitter: false } }));
      expect(policies.network).toEqual({ ...defaultRetryPolicies.network, maxRetries: 1, jitter: false });
      expect(policies.database).toEqual(defaultRetryPolicies.database);
    });

    it('let unknown follow an overridden execution policy unless unknown is overridden too', () => {
      expect(resolvePolicies({ execution: { maxRetries: 9 } }).unknown).toEqual({
        ...defaultRetryPolicies.unknown,
        maxRetries: 9,
      });
      expect(resolvePolicies({ execution: { maxRetries: 9 }, unknown: { maxRetries: 0 } }).unknown.maxRetries).toBe(0);
    });

    it.each([
      ['an unknown category', { disk: { maxRetries: 1 } }],
      ['an unknown field', { network: { retries: 1 } }],
      ['a negative delay', { network: { baseDelayMs: -1 } }],
      ['a fractional retry count', { network: { maxRetries: 1.5 } }],
      ['a shrinking multiplier', { network: { multiplier: 0.5 } }],
      ['a first delay longer than 2^31-1 ms', { network: { baseDelayMs: 2 ** 31 } }],
      ['a delay cap whose date cannot be written', { execution: { maxDelayMs: 1e300 } }],
    ])('reject %s', (_, section) => expect(RetryPoliciesConfig.safeParse(section).success).toBe(false));
  });

  it('schedules against a fake clock: the next attempt is refused until the delay has passed', () => {
    const clock = fakeClock(at(10));
    const history = [taskRegistered(), executionStarted()];
    const failed = given(history).when(
      failAttempt({ now: clock.now(), facts: rawErrorFacts({ type: 'process', message: 'x', exitCode: 1 }) }),
    );
    const retrying = [...history, ...failed.events];
    given(retrying)
      .when(startExecution({ now: clock.advance(1_499) }))
      .thenThrows('RetryNotDue');
    given(retrying)
      .when(startExecution({ now: clock.advance(1) }))
      .thenEventTypes(['TaskExecutionStarted']);
  });

  it('draws jitter from the context’s random source, one number per retry', () => {
    const context = testDecisionContext({ random: sequenceRandom([0, 0.999]) });
    const history = [taskRegistered(), executionStarted()];
    expect(given(history, context).when(failAttempt()).events[1]).toMatchObject({ data: { delayMs: 1_000 } });
  });

  describe('properties', () => {
    const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

    it('never exceeds maxDelayMs', () =>
      fc.assert(
        fc.property(
          policyArb,
          fc.nat(20),
          random,
          (policy, used, r) => (nextRetry(policy, used, () => r)?.delayMs ?? 0) <= policy.maxDelayMs,
        ),
      ));

    it('keeps jitter within its band below the un-jittered delay', () =>
      fc.assert(
        fc.property(policyArb, fc.nat(20), random, (policy, used, r) => {
          const next = nextRetry({ ...policy, jitter: true }, used, () => r);
          if (!next) return true;
          const full = backoffDelayMs(policy, used);
          return next.delayMs <= full && next.delayMs >= Math.floor(full * JITTER_MIN_FACTOR);
        }),
      ));

    it('never allows more than maxRetries retries', () =>
      fc.assert(fc.property(policyArb, random, (policy, r) => delays(policy, () => r).length === policy.maxRetries)));

    it('never shrinks the un-jittered delay from one retry to the next', () =>
      fc.assert(
        fc.property(policyArb, (policy) =>
          delays({ ...policy, jitter: false }).every((delay, i, all) => i === 0 || delay >= all[i - 1]!),
        ),
      ));
  });
});
