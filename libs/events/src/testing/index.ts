import { EventContext, EventEnvelope, toEnvelopes } from '../envelope';
import { LedgerEvent } from '../catalogue';
import { testUuid } from './event-builders';

/** An EventContext with counter-based ids and a clock that ticks one second per event. */
export const testContext = (
  overrides: Partial<EventContext> & { start?: Date; firstId?: number } = {},
): EventContext => {
  let nextId = overrides.firstId ?? 1;
  let time = (overrides.start ?? new Date('2026-01-01T00:00:00.000Z')).getTime();
  return {
    newId: () => testUuid(nextId++),
    now: () => new Date((time += 1000)),
    correlationId: 'test-correlation',
    actor: 'test',
    ...overrides,
  };
};

/** Envelopes for the given events using a fresh testContext (or the one given). */
export const envelopes = <E extends LedgerEvent>(events: readonly E[], context = testContext()): EventEnvelope<E>[] =>
  toEnvelopes(events, context);

export {
  abandoned,
  attemptFailed,
  backlogParsed,
  completed,
  definitionChanged,
  errorFacts,
  errorReclassified,
  executionFailed,
  executionIdFor,
  leaseRenewed,
  progressReported,
  recoveryAttempted,
  registered,
  removedFromBacklog,
  retryScheduled,
  skipped,
  started,
  stateReset,
  testUuid,
} from './event-builders';
export { sampleDefinition, seeded, taskHistory, toEnvelope } from '../generators';
export type { Random, TimedEvent } from '../generators';
