import { EventContext, EventEnvelope, toEnvelopes } from './envelope';
import { EventOfType, LedgerEvent } from './catalogue';
import { TaskDefinition } from './common.schemas';

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

export const sampleDefinition = (overrides: Partial<TaskDefinition> = {}): TaskDefinition => ({
  title: 'Sample task',
  priority: 'high',
  priorityIcon: '📈',
  points: 3,
  backlogStatus: 'todo',
  backlogStatusRaw: 'todo',
  description: null,
  techFootprint: null,
  dependencies: [],
  unresolvedDependencies: [],
  scoreTotal: null,
  score: null,
  humanRequired: false,
  humanReason: null,
  defaultExecutor: null,
  runCommand: null,
  estHours: null,
  completionDate: null,
  meta: {},
  source: { path: 'backlog.md', line: 1 },
  ...overrides,
});

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

export { seeded, taskHistory, toEnvelope } from './lifecycle-generator';
export type { TimedEvent } from './lifecycle-generator';
