import { EventContext, EventEnvelope, toEnvelopes } from '../envelope';
import { EventOfType, LedgerEvent } from '../catalogue';
import { TaskDefinition } from '../common.schemas';
import { sampleDefinition } from '../sample-definition';

/** A deterministic, valid UUID (v4 layout) for test number `n`. */
export const testUuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

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

export const registered = (
  taskId: string,
  definition: Partial<TaskDefinition> = {},
): EventOfType<'TaskRegistered'> => ({
  type: 'TaskRegistered',
  data: { taskId, backlogId: 'backlog', definition: sampleDefinition(definition) },
});

export const completed = (
  taskId: string,
  overrides: Partial<EventOfType<'TaskExecutionCompleted'>['data']> = {},
): EventOfType<'TaskExecutionCompleted'> => ({
  type: 'TaskExecutionCompleted',
  data: { taskId, executionId: testUuid(9999), attempt: 1, durationMs: 1200, exitCode: 0, ...overrides },
});

/** Envelopes for the given events using a fresh testContext (or the one given). */
export const envelopes = <E extends LedgerEvent>(events: readonly E[], context = testContext()): EventEnvelope<E>[] =>
  toEnvelopes(events, context);

export { sampleDefinition, seeded, taskHistory, toEnvelope } from '../generators';
export type { TimedEvent } from '../generators';
