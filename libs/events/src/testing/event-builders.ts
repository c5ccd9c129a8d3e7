import { EventOfType, LedgerEventType } from '../catalogue';
import { ErrorClassification, RawErrorFacts, TaskDefinition } from '../common.schemas';
import { sampleDefinition } from '../sample-definition';

type Data<T extends LedgerEventType> = EventOfType<T>['data'];
type Overrides<T extends LedgerEventType> = Partial<Data<T>>;

/** A deterministic, valid UUID (v4 layout) for test number `n`. */
export const testUuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** A deterministic execution id (a valid UUID) for test execution `n`. */
export const executionIdFor = (n: number): string => testUuid(0x100000 + n);

const FAR_FUTURE = '2030-01-01T00:00:00.000Z';

/** The `n`th parse of backlog.md (`n` is its content hash), with no tasks. */
export const backlogParsed = (n: number): EventOfType<'BacklogParsed'> => ({
  type: 'BacklogParsed',
  data: {
    backlogId: 'main',
    path: 'backlog.md',
    sha256: n.toString(16).padStart(64, '0'),
    parserVersion: '1',
    counts: { tasks: 0, registered: 0, changed: 0, removed: 0, unchanged: 0, warnings: 0 },
    warnings: [],
    taskIds: [],
  },
});

export const registered = (
  taskId: string,
  definition: Partial<TaskDefinition> = {},
): EventOfType<'TaskRegistered'> => ({
  type: 'TaskRegistered',
  data: { taskId, backlogId: 'backlog', definition: sampleDefinition(definition) },
});

export const definitionChanged = (
  taskId: string,
  changes: Data<'TaskDefinitionChanged'>['changes'],
): EventOfType<'TaskDefinitionChanged'> => ({
  type: 'TaskDefinitionChanged',
  data: { taskId, backlogId: 'backlog', changes },
});

export const removedFromBacklog = (taskId: string): EventOfType<'TaskRemovedFromBacklog'> => ({
  type: 'TaskRemovedFromBacklog',
  data: { taskId, backlogId: 'backlog', path: 'backlog.md' },
});

export const started = (
  taskId: string,
  overrides: Overrides<'TaskExecutionStarted'> = {},
): EventOfType<'TaskExecutionStarted'> => ({
  type: 'TaskExecutionStarted',
  data: {
    taskId,
    executionId: executionIdFor(1),
    attempt: 1,
    leaseExpiresAt: FAR_FUTURE,
    timeoutMs: null,
    runner: { kind: 'shell', command: 'make', host: 'host-1', pid: 4242 },
    ...overrides,
  },
});

export const progressReported = (
  taskId: string,
  overrides: Overrides<'TaskProgressReported'> = {},
): EventOfType<'TaskProgressReported'> => ({
  type: 'TaskProgressReported',
  data: { taskId, executionId: executionIdFor(1), attempt: 1, progress: 0.5, message: null, ...overrides },
});

export const leaseRenewed = (
  taskId: string,
  overrides: Overrides<'TaskLeaseRenewed'> = {},
): EventOfType<'TaskLeaseRenewed'> => ({
  type: 'TaskLeaseRenewed',
  data: { taskId, executionId: executionIdFor(1), attempt: 1, leaseExpiresAt: FAR_FUTURE, ...overrides },
});

export const errorFacts = (overrides: Partial<RawErrorFacts> = {}): RawErrorFacts => ({
  type: 'exit',
  message: 'process exited with code 1',
  exitCode: 1,
  signal: null,
  timedOut: false,
  spawnErrorCode: null,
  stderrTail: '',
  stdoutTail: '',
  context: {},
  ...overrides,
});

type AttemptFailedOverrides = Partial<Omit<Data<'TaskAttemptFailed'>, 'error' | 'classification'>> & {
  error?: Partial<RawErrorFacts>;
  classification?: Partial<ErrorClassification>;
};

export const attemptFailed = (
  taskId: string,
  overrides: AttemptFailedOverrides = {},
): EventOfType<'TaskAttemptFailed'> => {
  const { error, classification, ...rest } = overrides;
  return {
    type: 'TaskAttemptFailed',
    data: {
      taskId,
      executionId: executionIdFor(1),
      attempt: 1,
      durationMs: 500,
      error: errorFacts(error),
      classification: {
        category: 'execution',
        severity: 'medium',
        ruleId: 'exit-code',
        classifierVersion: 1,
        ...classification,
      },
      ...rest,
    },
  };
};

export const retryScheduled = (
  taskId: string,
  overrides: Overrides<'TaskRetryScheduled'> = {},
): EventOfType<'TaskRetryScheduled'> => {
  const failedAttempt = overrides.failedAttempt ?? 1;
  const policy = {
    category: 'execution' as const,
    maxRetries: 3,
    baseDelayMs: 1000,
    multiplier: 2,
    maxDelayMs: 60_000,
    jitter: false,
  };
  return {
    type: 'TaskRetryScheduled',
    data: {
      taskId,
      executionId: executionIdFor(1),
      failedAttempt,
      nextAttempt: failedAttempt + 1,
      delayMs: 1000,
      notBefore: FAR_FUTURE,
      policy,
      reason: 'retryable',
      ...overrides,
    },
  };
};

export const completed = (
  taskId: string,
  overrides: Overrides<'TaskExecutionCompleted'> = {},
): EventOfType<'TaskExecutionCompleted'> => ({
  type: 'TaskExecutionCompleted',
  data: { taskId, executionId: executionIdFor(1), attempt: 1, durationMs: 1200, exitCode: 0, ...overrides },
});

export const executionFailed = (
  taskId: string,
  overrides: Overrides<'TaskExecutionFailed'> = {},
): EventOfType<'TaskExecutionFailed'> => ({
  type: 'TaskExecutionFailed',
  data: {
    taskId,
    executionId: executionIdFor(1),
    attempt: 1,
    reason: 'not-retryable',
    category: 'execution',
    message: 'process exited with code 1',
    ...overrides,
  },
});

export const skipped = (taskId: string, overrides: Overrides<'TaskSkipped'> = {}): EventOfType<'TaskSkipped'> => ({
  type: 'TaskSkipped',
  data: { taskId, reason: 'dependencies-unmet', missing: [], message: 'dependencies are not done', ...overrides },
});

export const abandoned = (
  taskId: string,
  overrides: Overrides<'TaskExecutionAbandoned'> = {},
): EventOfType<'TaskExecutionAbandoned'> => ({
  type: 'TaskExecutionAbandoned',
  data: {
    taskId,
    executionId: executionIdFor(1),
    attempt: 1,
    leaseExpiredAt: FAR_FUTURE,
    detectedBy: 'runner:other',
    ...overrides,
  },
});

export const recoveryAttempted = (
  taskId: string,
  overrides: Overrides<'RecoveryActionAttempted'> = {},
): EventOfType<'RecoveryActionAttempted'> => ({
  type: 'RecoveryActionAttempted',
  data: {
    taskId,
    executionId: executionIdFor(1),
    attempt: 1,
    category: 'timeout',
    action: 'extend-timeout',
    outcome: 'succeeded',
    details: {},
    ...overrides,
  },
});

export const stateReset = (
  taskId: string,
  overrides: Overrides<'ExecutionStateReset'> = {},
): EventOfType<'ExecutionStateReset'> => ({
  type: 'ExecutionStateReset',
  data: { taskId, previousStatus: 'failed', reason: 'manual reset', ...overrides },
});

export const errorReclassified = (
  taskId: string,
  overrides: Overrides<'ErrorReclassified'> = {},
): EventOfType<'ErrorReclassified'> => ({
  type: 'ErrorReclassified',
  data: {
    taskId,
    executionId: executionIdFor(1),
    attempt: 1,
    failureEventId: testUuid(1),
    failedAt: '2026-01-01T00:00:00.000Z',
    errorType: 'exit',
    errorMessage: 'process exited with code 1',
    from: { category: 'execution', severity: 'medium', ruleId: 'exit-code', classifierVersion: 1 },
    to: { category: 'network', severity: 'high', ruleId: 'network-text', classifierVersion: 3 },
    rulesHash: 'a'.repeat(64),
    ...overrides,
  },
});
