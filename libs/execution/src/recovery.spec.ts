import type { ErrorCategory } from '@taskledger/events';
import { recoveryPlan } from './decision-context';
import { rawErrorFacts, spawnFailureFacts, storeFailureFacts } from './error-facts';
import { DEFAULT_MAX_TIMEOUT_MS, recoveryFor, runnerRecoveryActions } from './recovery';
import { testDecisionContext } from './testing';

const retrying = { timeoutMs: 30_000, retryDelayMs: 2_000 };

describe('recovery decisions', () => {
  describe('after a timeout', () => {
    it('doubles the next attempt’s timeout', () =>
      expect(recoveryFor('timeout', retrying)).toEqual([
        {
          action: 'extend-timeout',
          outcome: 'succeeded',
          details: { fromMs: 30_000, toMs: 60_000, capMs: DEFAULT_MAX_TIMEOUT_MS },
          nextTimeoutMs: 60_000,
        },
      ]));

    it('caps the extension at 600 s by default', () =>
      expect(recoveryFor('timeout', { ...retrying, timeoutMs: 400_000 })[0]).toMatchObject({ nextTimeoutMs: 600_000 }));

    it('never shortens a timeout already above the cap', () =>
      expect(recoveryFor('timeout', { ...retrying, timeoutMs: 900_000 })[0]).toMatchObject({
        outcome: 'not-applicable',
        details: { fromMs: 900_000 },
      }));

    it('has nothing to extend when the attempt had no timeout', () =>
      expect(recoveryFor('timeout', { ...retrying, timeoutMs: null })[0]).toMatchObject({ outcome: 'not-applicable' }));

    it('has nothing to extend when no attempt follows', () =>
      expect(recoveryFor('timeout', { ...retrying, retryDelayMs: null })[0]).toEqual({
        action: 'extend-timeout',
        outcome: 'not-applicable',
        details: { reason: 'no further attempt' },
      }));
  });

  describe('actions the runner performs', () => {
    it('records the scratch dir clean-up as the runner reported it', () =>
      expect(
        recoveryFor('file_system', {
          ...retrying,
          performed: { 'clear-scratch-dir': { outcome: 'failed', details: { path: '/s' } } },
        }),
      ).toEqual([{ action: 'clear-scratch-dir', outcome: 'failed', details: { path: '/s' } }]));

    it('records a reopened store connection', () =>
      expect(recoveryFor('database', { ...retrying, performed: { 'reopen-store': { outcome: 'succeeded' } } })).toEqual(
        [{ action: 'reopen-store', outcome: 'succeeded', details: {} }],
      ));

    it('records an action the runner did not perform as not applicable', () =>
      expect(recoveryFor('database', retrying)[0]).toMatchObject({
        action: 'reopen-store',
        outcome: 'not-applicable',
      }));

    it.each<[ErrorCategory, string[]]>([
      ['file_system', ['clear-scratch-dir']],
      ['database', ['reopen-store']],
      ['network', []],
      ['timeout', []],
      ['permission', []],
      ['validation', []],
      ['execution', []],
      ['unknown', []],
    ])('asks the runner to perform %s → %j', (category, actions) =>
      expect(runnerRecoveryActions(category)).toEqual(actions),
    );

    it('plans the runner’s actions from the raw facts', () => {
      const context = testDecisionContext();
      expect(recoveryPlan(storeFailureFacts({ code: 'SQLITE_BUSY', message: 'busy' }), context)).toEqual([
        'reopen-store',
      ]);
      expect(recoveryPlan(spawnFailureFacts({ code: 'ENOENT', message: 'spawn x ENOENT' }), context)).toEqual([
        'clear-scratch-dir',
      ]);
      expect(recoveryPlan(rawErrorFacts({ type: 'process', message: 'x', exitCode: 1 }), context)).toEqual([]);
    });
  });

  it('backs off a network failure with the retry’s delay', () =>
    expect(recoveryFor('network', retrying)).toEqual([
      { action: 'backoff', outcome: 'succeeded', details: { delayMs: 2_000 } },
    ]));

  it('does not back off when no attempt follows', () =>
    expect(recoveryFor('network', { ...retrying, retryDelayMs: null })[0]).toMatchObject({
      outcome: 'not-applicable',
    }));

  it('marks a permission failure as needing a person, with no automatic fix', () =>
    expect(recoveryFor('permission', retrying)).toEqual([
      expect.objectContaining({ action: 'needs-person', outcome: 'not-applicable' }),
    ]));

  it.each<ErrorCategory>(['validation', 'execution', 'unknown'])('attempts no recovery for %s', (category) =>
    expect(recoveryFor(category, retrying)).toEqual([]),
  );
});
