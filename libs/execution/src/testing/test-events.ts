import type { EventOfType, TaskDefinition, TaskEvent } from '@taskledger/events';
import * as build from '@taskledger/events/testing';
import { defaultClassifier } from '../classifier-rules';
import { classify } from '../error-classifier';
import { rawErrorFacts } from '../error-facts';
import { defaultRetryPolicies } from '../retry-policy';
import type { RunnerInfo } from '../task.state';

type Data<T extends TaskEvent['type']> = EventOfType<T>['data'];

export const TEST_TASK_ID = 'T-1';
export const TEST_EXECUTION_ID = build.testUuid(1);
/** The time `given` stamps on history events that carry none. */
export const TEST_EPOCH = new Date('2026-01-01T00:00:00.000Z');
/** TEST_EPOCH plus `seconds`. */
export const at = (seconds: number): Date => new Date(TEST_EPOCH.getTime() + seconds * 1000);
export const testRunner: RunnerInfo = { kind: 'shell', command: 'make task', host: 'test-host', pid: 4242 };

const ids = { executionId: TEST_EXECUTION_ID };

/** The event in an envelope-like shape with this occurrence time (start times come from it). */
export const occurredAt = <E extends TaskEvent>(event: E, time: Date): E & { metadata: { occurredAt: string } } => ({
  ...event,
  metadata: { occurredAt: time.toISOString() },
});

// The shared event builders for task T-1, with the values the decider's test commands produce.

export const taskRegistered = (
  definition: Partial<TaskDefinition> = {},
  overrides: Partial<Omit<Data<'TaskRegistered'>, 'definition'>> = {},
): EventOfType<'TaskRegistered'> => {
  const event = build.registered(TEST_TASK_ID, definition);
  return { ...event, data: { ...event.data, ...overrides } };
};

export const definitionChanged = (changes: Data<'TaskDefinitionChanged'>['changes']) =>
  build.definitionChanged(TEST_TASK_ID, changes);

export const removedFromBacklog = () => build.removedFromBacklog(TEST_TASK_ID);

export const executionStarted = (overrides: Partial<Data<'TaskExecutionStarted'>> = {}) =>
  build.started(TEST_TASK_ID, {
    ...ids,
    leaseExpiresAt: at(60).toISOString(),
    timeoutMs: 30_000,
    runner: testRunner,
    ...overrides,
  });

export const progressReported = (overrides: Partial<Data<'TaskProgressReported'>> = {}) =>
  build.progressReported(TEST_TASK_ID, { ...ids, ...overrides });

export const leaseRenewed = (overrides: Partial<Data<'TaskLeaseRenewed'>> = {}) =>
  build.leaseRenewed(TEST_TASK_ID, { ...ids, leaseExpiresAt: at(120).toISOString(), ...overrides });

/** A failed attempt; its classification defaults to what the default classifier says of its facts. */
export const attemptFailed = (overrides: Partial<Data<'TaskAttemptFailed'>> = {}): EventOfType<'TaskAttemptFailed'> => {
  const error = overrides.error ?? rawErrorFacts({ type: 'process', message: 'exit 1', exitCode: 1 });
  const { classification = classify(error, defaultClassifier), ...rest } = overrides;
  const event = build.attemptFailed(TEST_TASK_ID, { ...ids, durationMs: 1_000, ...rest, error });
  return { ...event, data: { ...event.data, classification } };
};

export const recoveryAttempted = (overrides: Partial<Data<'RecoveryActionAttempted'>> = {}) =>
  build.recoveryAttempted(TEST_TASK_ID, { ...ids, ...overrides });

export const retryScheduled = (overrides: Partial<Data<'TaskRetryScheduled'>> = {}) =>
  build.retryScheduled(TEST_TASK_ID, {
    ...ids,
    delayMs: 2_000,
    notBefore: at(30).toISOString(),
    policy: defaultRetryPolicies.execution,
    reason: 'medium execution failure (rule nonzero-exit): retry 1 of 3',
    ...overrides,
  });

export const executionCompleted = (overrides: Partial<Data<'TaskExecutionCompleted'>> = {}) =>
  build.completed(TEST_TASK_ID, { ...ids, durationMs: 1_000, ...overrides });

export const executionFailed = (overrides: Partial<Data<'TaskExecutionFailed'>> = {}) =>
  build.executionFailed(TEST_TASK_ID, {
    ...ids,
    reason: 'retries-exhausted',
    message: 'exit 1',
    ...overrides,
  });

export const taskSkipped = (overrides: Partial<Data<'TaskSkipped'>> = {}) =>
  build.skipped(TEST_TASK_ID, { missing: ['T-0'], message: 'waiting for T-0', ...overrides });

export const executionAbandoned = (overrides: Partial<Data<'TaskExecutionAbandoned'>> = {}) =>
  build.abandoned(TEST_TASK_ID, { ...ids, leaseExpiredAt: at(60).toISOString(), ...overrides });

export const executionReset = (overrides: Partial<Data<'ExecutionStateReset'>> = {}) =>
  build.stateReset(TEST_TASK_ID, overrides);
