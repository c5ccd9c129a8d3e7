import type { EventOfType, TaskDefinition, TaskEvent } from '@taskledger/events';
import { sampleDefinition, testUuid } from '@taskledger/events/testing';
import { defaultClassifier } from '../classifier-rules';
import { classify } from '../error-classifier';
import { rawErrorFacts } from '../error-facts';
import { defaultRetryPolicies } from '../retry-policy';
import type { RunnerInfo } from '../task.state';

type Data<T extends TaskEvent['type']> = EventOfType<T>['data'];

export const TEST_TASK_ID = 'T-1';
export const TEST_EXECUTION_ID = testUuid(1);
/** The time `given` stamps on history events that carry none. */
export const TEST_EPOCH = new Date('2026-01-01T00:00:00.000Z');
/** TEST_EPOCH plus `seconds`. */
export const at = (seconds: number): Date => new Date(TEST_EPOCH.getTime() + seconds * 1000);
export const testRunner: RunnerInfo = { kind: 'shell', command: 'make task', host: 'test-host', pid: 4242 };

const ids = { taskId: TEST_TASK_ID, executionId: TEST_EXECUTION_ID };

/** The event in an envelope-like shape with this occurrence time (start times come from it). */
export const occurredAt = <E extends TaskEvent>(event: E, time: Date): E & { metadata: { occurredAt: string } } => ({
  ...event,
  metadata: { occurredAt: time.toISOString() },
});

export const taskRegistered = (
  definition: Partial<TaskDefinition> = {},
  overrides: Partial<Omit<Data<'TaskRegistered'>, 'definition'>> = {},
): EventOfType<'TaskRegistered'> => ({
  type: 'TaskRegistered',
  data: { taskId: TEST_TASK_ID, backlogId: 'backlog', definition: sampleDefinition(definition), ...overrides },
});

export const definitionChanged = (
  changes: Data<'TaskDefinitionChanged'>['changes'],
): EventOfType<'TaskDefinitionChanged'> => ({
  type: 'TaskDefinitionChanged',
  data: { taskId: TEST_TASK_ID, backlogId: 'backlog', changes },
});

export const removedFromBacklog = (): EventOfType<'TaskRemovedFromBacklog'> => ({
  type: 'TaskRemovedFromBacklog',
  data: { taskId: TEST_TASK_ID, backlogId: 'backlog', path: 'backlog.md' },
});

export const executionStarted = (
  overrides: Partial<Data<'TaskExecutionStarted'>> = {},
): EventOfType<'TaskExecutionStarted'> => ({
  type: 'TaskExecutionStarted',
  data: {
    ...ids,
    attempt: 1,
    leaseExpiresAt: at(60).toISOString(),
    timeoutMs: 30_000,
    runner: testRunner,
    ...overrides,
  },
});

export const progressReported = (
  overrides: Partial<Data<'TaskProgressReported'>> = {},
): EventOfType<'TaskProgressReported'> => ({
  type: 'TaskProgressReported',
  data: { ...ids, attempt: 1, progress: 0.5, message: null, ...overrides },
});

export const leaseRenewed = (overrides: Partial<Data<'TaskLeaseRenewed'>> = {}): EventOfType<'TaskLeaseRenewed'> => ({
  type: 'TaskLeaseRenewed',
  data: { ...ids, attempt: 1, leaseExpiresAt: at(120).toISOString(), ...overrides },
});

/** A failed attempt; its classification defaults to what the default classifier says of its facts. */
export const attemptFailed = (overrides: Partial<Data<'TaskAttemptFailed'>> = {}): EventOfType<'TaskAttemptFailed'> => {
  const error = overrides.error ?? rawErrorFacts({ type: 'process', message: 'exit 1', exitCode: 1 });
  return {
    type: 'TaskAttemptFailed',
    data: {
      ...ids,
      attempt: 1,
      durationMs: 1_000,
      error,
      classification: classify(error, defaultClassifier),
      ...overrides,
    },
  };
};

export const recoveryAttempted = (
  overrides: Partial<Data<'RecoveryActionAttempted'>> = {},
): EventOfType<'RecoveryActionAttempted'> => ({
  type: 'RecoveryActionAttempted',
  data: {
    ...ids,
    attempt: 1,
    category: 'timeout',
    action: 'extend-timeout',
    outcome: 'succeeded',
    details: {},
    ...overrides,
  },
});

export const retryScheduled = (
  overrides: Partial<Data<'TaskRetryScheduled'>> = {},
): EventOfType<'TaskRetryScheduled'> => ({
  type: 'TaskRetryScheduled',
  data: {
    ...ids,
    failedAttempt: 1,
    nextAttempt: 2,
    delayMs: 2_000,
    notBefore: at(30).toISOString(),
    policy: defaultRetryPolicies.execution,
    reason: 'medium execution failure (rule nonzero-exit): retry 1 of 3',
    ...overrides,
  },
});

export const executionCompleted = (
  overrides: Partial<Data<'TaskExecutionCompleted'>> = {},
): EventOfType<'TaskExecutionCompleted'> => ({
  type: 'TaskExecutionCompleted',
  data: { ...ids, attempt: 1, durationMs: 1_000, exitCode: 0, ...overrides },
});

export const executionFailed = (
  overrides: Partial<Data<'TaskExecutionFailed'>> = {},
): EventOfType<'TaskExecutionFailed'> => ({
  type: 'TaskExecutionFailed',
  data: { ...ids, attempt: 1, reason: 'retries-exhausted', category: 'execution', message: 'exit 1', ...overrides },
});

export const taskSkipped = (overrides: Partial<Data<'TaskSkipped'>> = {}): EventOfType<'TaskSkipped'> => ({
  type: 'TaskSkipped',
  data: {
    taskId: TEST_TASK_ID,
    reason: 'dependencies-unmet',
    missing: ['T-0'],
    message: 'waiting for T-0',
    ...overrides,
  },
});

export const executionAbandoned = (
  overrides: Partial<Data<'TaskExecutionAbandoned'>> = {},
): EventOfType<'TaskExecutionAbandoned'> => ({
  type: 'TaskExecutionAbandoned',
  data: { ...ids, attempt: 1, leaseExpiredAt: at(60).toISOString(), detectedBy: 'runner:other', ...overrides },
});

export const executionReset = (
  overrides: Partial<Data<'ExecutionStateReset'>> = {},
): EventOfType<'ExecutionStateReset'> => ({
  type: 'ExecutionStateReset',
  data: { taskId: TEST_TASK_ID, previousStatus: 'failed', reason: 'manual reset', ...overrides },
});
