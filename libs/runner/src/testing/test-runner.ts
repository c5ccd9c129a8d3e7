import { EventContext, newEventId, TaskDefinition, taskStream, toEnvelopes } from '@taskledger/events';
import { registered } from '@taskledger/events/testing';
import { EventStore, MemoryEventStore } from '@taskledger/event-store';
import { createDecisionContext, RetryPoliciesConfig } from '@taskledger/execution';
import { backlogTasksProjection, ProjectedEvent, taskExecutionsProjection } from '@taskledger/projections';
import { foldAll } from '@taskledger/projections/testing';
import { MemoryReadStore, ReadStore } from '@taskledger/read-store';
import type { ResolvedCommand } from '../command-resolution';
import type { RunSettings } from '../runner-config';
import type { RecoveryReport, RunnerIo } from '../runner-deps';
import type { RunDeps } from '../run-options';
import { ScriptedAttempt, scriptedExecutor } from './scripted-executor';
import { readModelCatalogue } from '../task-catalogue';
import { VirtualClock } from './virtual-clock';

export interface TestRunnerOptions {
  clock?: VirtualClock;
  /** Shared with another test runner to race them. Default: a new MemoryEventStore. */
  eventStore?: EventStore;
  /** Default: every attempt runs 1 s and exits 0. */
  script?: (taskId: string, attempt: number) => ScriptedAttempt;
  settings?: Partial<RunSettings>;
  retryPolicies?: RetryPoliciesConfig;
  /** Default () => 0.5. */
  random?: () => number;
  pid?: number;
}

export const testSettings = (overrides: Partial<RunSettings> = {}): RunSettings => ({
  leaseMs: 30_000,
  timeoutMs: 60_000,
  maxTimeoutMs: 600_000,
  killGraceMs: 1_000,
  scratchDir: '/scratch',
  manualLeaseMs: 3_600_000,
  concurrency: 1,
  cwd: '/work',
  ...overrides,
});

/** Folds the task read models straight from the event store (what catch-up does in embedded mode). */
const projectInto = async (eventStore: EventStore, readStore: ReadStore): Promise<void> => {
  const events: ProjectedEvent[] = [];
  for await (const event of eventStore.readAll({ filter: { streamPrefix: 'task-' } }))
    events.push(event as ProjectedEvent);
  const folded = [
    [backlogTasksProjection.name, foldAll(backlogTasksProjection, events)],
    [taskExecutionsProjection.name, foldAll(taskExecutionsProjection, events)],
  ] as const;
  for (const [name, docs] of folded) {
    await readStore.ensureCollection(name);
    for (const doc of docs.values()) await readStore.put(name, doc);
  }
};

const recordingIo = () => {
  const cleared: string[] = [];
  const ok = (details: RecoveryReport['details']): RecoveryReport => ({ outcome: 'succeeded', details });
  const io: RunnerIo = {
    scratchDir: async (taskId) => `/scratch/${taskId}`,
    clearScratchDir: async (taskId) => (cleared.push(taskId), ok({ path: `/scratch/${taskId}` })),
    reopenStore: async () => ok({ reopened: 1 }),
  };
  return { io, cleared };
};

/** RunDeps for unit tests: memory stores, a virtual clock, a scripted executor. */
export const testRunner = (options: TestRunnerOptions = {}) => {
  const clock = options.clock ?? new VirtualClock();
  const eventStore = options.eventStore ?? new MemoryEventStore();
  const readStore = new MemoryReadStore();
  const { executor, calls } = scriptedExecutor(clock, options.script ?? (() => ({ durationMs: 1_000 })));
  const { io, cleared } = recordingIo();
  const pid = options.pid ?? 4242;
  const deps: RunDeps = {
    eventStore,
    executor,
    decision: createDecisionContext({ random: options.random ?? (() => 0.5), retryPolicies: options.retryPolicies }),
    clock: clock.now,
    sleep: clock.sleep,
    newId: newEventId,
    identity: { host: 'test-host', pid, correlationId: `test-run-${pid}`, actor: 'test' },
    io,
    settings: testSettings(options.settings),
    env: {},
    catalogue: readModelCatalogue(readStore, () => projectInto(eventStore, readStore)),
  };
  return { deps, clock, eventStore, readStore, calls, cleared };
};

/** A command as the runner would resolve it: `task <id>`, with the given timeout. */
export const testCommand = (taskId: string, timeoutMs: number | null = 60_000): ResolvedCommand => ({
  line: { shell: false, argv: ['task', taskId] },
  display: `task ${taskId}`,
  cwd: '/work',
  env: {},
  timeoutMs,
  killGraceMs: 1_000,
  source: 'default',
});

/** Appends TaskRegistered for a task, as a backlog parse would. */
export const registerTask = async (
  eventStore: EventStore,
  taskId: string,
  definition: Partial<TaskDefinition> = {},
  now = new Date('2026-01-01T00:00:00.000Z'),
) => {
  const context: EventContext = { newId: newEventId, now: () => now, correlationId: 'test-parse', actor: 'test' };
  const event = registered(taskId, { title: `Task ${taskId}`, ...definition });
  await eventStore.append(taskStream(taskId), toEnvelopes([event], context), { expectedRevision: 'any' });
};

/** The event types of a task's stream, in order. */
export const streamTypes = async (eventStore: EventStore, taskId: string): Promise<string[]> =>
  (await eventStore.readStream(taskStream(taskId))).map((event) => event.type);

/** An event's data as a plain record, to read fields of events of mixed types. */
export const fields = (event: { data: unknown }): Record<string, unknown> => event.data as Record<string, unknown>;
