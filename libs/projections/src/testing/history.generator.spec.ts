import fc from 'fast-check';
import { eventTypes, validateEnvelope } from '@taskledger/events';
import { arbitraryHistory } from './history.generator';
import { ProjectedEvent } from '../projection';

const checkStreams = (events: readonly ProjectedEvent[]): void => {
  const revisions = new Map<string, number>();
  for (const event of events) {
    expect(event.revision).toBe(revisions.get(event.streamName) ?? 0);
    revisions.set(event.streamName, event.revision + 1);
  }
};

/** The per-execution rules of event-semantics.md that projections rely on. */
const checkExecutions = (events: readonly ProjectedEvent[]): void => {
  const attempts = new Map<string, number>();
  for (const event of events) {
    if (event.type === 'TaskExecutionStarted') {
      expect(event.data.attempt).toBe((attempts.get(event.data.executionId) ?? 0) + 1);
      attempts.set(event.data.executionId, event.data.attempt);
    }
    if (event.type === 'TaskRetryScheduled') expect(event.data.nextAttempt).toBe(event.data.failedAttempt + 1);
    if (event.type === 'TaskExecutionCompleted' || event.type === 'TaskExecutionFailed') {
      expect(attempts.get(event.data.executionId)).toBe(event.data.attempt);
    }
  }
};

describe('history generator', () => {
  it('produces only events valid against the catalogue', () =>
    fc.assert(
      fc.property(arbitraryHistory(), (events) => {
        events.forEach((event) => expect(() => validateEnvelope(event)).not.toThrow());
        expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
      }),
      { numRuns: 50 },
    ));

  it('numbers every stream from revision 0 without gaps', () =>
    fc.assert(fc.property(arbitraryHistory(), checkStreams), { numRuns: 50 }));

  it('follows the execution lifecycle: attempts in order, one end per execution at its last attempt', () =>
    fc.assert(fc.property(arbitraryHistory(), checkExecutions), { numRuns: 50 }));

  it('starts every task stream with TaskRegistered', () =>
    fc.assert(
      fc.property(arbitraryHistory(), (events) =>
        events
          .filter((event) => event.revision === 0 && event.streamName.startsWith('task-'))
          .every((event) => event.type === 'TaskRegistered'),
      ),
      { numRuns: 50 },
    ));

  it('covers the whole lifecycle across runs (every event type but the store-written ledger checkpoints)', () => {
    const seen = new Set<string>();
    fc.sample(arbitraryHistory({ maxSteps: 80 }), { numRuns: 60, seed: 7 }).forEach((events) =>
      events.forEach((event) => seen.add(event.type)),
    );
    expect([...seen].sort()).toEqual(eventTypes.filter((type) => type !== 'LedgerCheckpointed').sort());
  });
});
