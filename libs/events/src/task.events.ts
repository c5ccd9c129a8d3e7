import { z } from 'zod';
import {
  ErrorCategory,
  ErrorClassification,
  ExecutionId,
  IsoDateTime,
  JsonObject,
  RawErrorFacts,
  RetryPolicy,
  TaskDefinition,
  TaskId,
} from './common.schemas';

const Attempt = z.number().int().positive();
const DurationMs = z.number().nonnegative();
const event = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({ type: z.literal(type), data });

export const TaskRegistered = event(
  'TaskRegistered',
  z.strictObject({ taskId: TaskId, backlogId: z.string().min(1), definition: TaskDefinition }),
);

/** One changed field of a task definition: `field` is a TaskDefinition key. */
export const FieldChange = z.strictObject({ field: z.string(), from: z.json(), to: z.json() });
export const TaskDefinitionChanged = event(
  'TaskDefinitionChanged',
  z.strictObject({ taskId: TaskId, backlogId: z.string().min(1), changes: z.array(FieldChange).min(1) }),
);

export const TaskRemovedFromBacklog = event(
  'TaskRemovedFromBacklog',
  z.strictObject({ taskId: TaskId, backlogId: z.string().min(1), path: z.string() }),
);

export const Runner = z.strictObject({
  kind: z.enum(['shell', 'manual']),
  command: z.string().nullable(),
  host: z.string(),
  pid: z.number().int().nullable(),
});
export const TaskExecutionStarted = event(
  'TaskExecutionStarted',
  z.strictObject({
    taskId: TaskId,
    executionId: ExecutionId,
    attempt: Attempt,
    leaseExpiresAt: IsoDateTime,
    timeoutMs: DurationMs.nullable(),
    runner: Runner,
  }),
);

export const TaskProgressReported = event(
  'TaskProgressReported',
  z.strictObject({
    taskId: TaskId,
    executionId: ExecutionId,
    attempt: Attempt,
    progress: z.number().min(0).max(1),
    message: z.string().nullable(),
  }),
);

/** A running execution is still alive: other runners must not treat it as abandoned before `leaseExpiresAt`. */
export const TaskLeaseRenewed = event(
  'TaskLeaseRenewed',
  z.strictObject({ taskId: TaskId, executionId: ExecutionId, attempt: Attempt, leaseExpiresAt: IsoDateTime }),
);

export const TaskAttemptFailed = event(
  'TaskAttemptFailed',
  z.strictObject({
    taskId: TaskId,
    executionId: ExecutionId,
    attempt: Attempt,
    durationMs: DurationMs,
    error: RawErrorFacts,
    classification: ErrorClassification,
  }),
);

export const TaskRetryScheduled = event(
  'TaskRetryScheduled',
  z.strictObject({
    taskId: TaskId,
    executionId: ExecutionId,
    failedAttempt: Attempt,
    nextAttempt: Attempt,
    delayMs: DurationMs,
    notBefore: IsoDateTime,
    policy: RetryPolicy,
    reason: z.string(),
  }),
);

export const TaskExecutionCompleted = event(
  'TaskExecutionCompleted',
  z.strictObject({
    taskId: TaskId,
    executionId: ExecutionId,
    attempt: Attempt,
    durationMs: DurationMs,
    exitCode: z.number().int().nullable(),
  }),
);

export const TaskExecutionFailed = event(
  'TaskExecutionFailed',
  z.strictObject({
    taskId: TaskId,
    executionId: ExecutionId,
    attempt: Attempt,
    reason: z.enum(['retries-exhausted', 'not-retryable', 'needs-person']),
    category: ErrorCategory,
    message: z.string(),
  }),
);

export const TaskSkipped = event(
  'TaskSkipped',
  z.strictObject({
    taskId: TaskId,
    reason: z.enum(['dependencies-unmet', 'human-required']),
    missing: z.array(TaskId),
    message: z.string(),
  }),
);

export const TaskExecutionAbandoned = event(
  'TaskExecutionAbandoned',
  z.strictObject({
    taskId: TaskId,
    executionId: ExecutionId,
    attempt: Attempt,
    leaseExpiredAt: IsoDateTime,
    detectedBy: z.string(),
  }),
);

export const RecoveryActionAttempted = event(
  'RecoveryActionAttempted',
  z.strictObject({
    taskId: TaskId,
    executionId: ExecutionId,
    attempt: Attempt,
    category: ErrorCategory,
    action: z.enum(['extend-timeout', 'clear-scratch-dir', 'backoff', 'reopen-store', 'needs-person']),
    outcome: z.enum(['succeeded', 'failed', 'not-applicable']),
    details: JsonObject,
  }),
);

export const ExecutionStateReset = event(
  'ExecutionStateReset',
  z.strictObject({ taskId: TaskId, previousStatus: z.string(), reason: z.string() }),
);

/**
 * A recorded failure re-classified by a later rule table: the failure event stays as it was; readers
 * count the failure under `to` from here on. `from` is the classification in force before (the
 * original one, or an earlier re-classification's `to`). `failedAt`, `errorType` and `errorMessage`
 * repeat the failure's time, type and message so read models can move its counts without looking it up.
 */
export const ErrorReclassified = event(
  'ErrorReclassified',
  z.strictObject({
    taskId: TaskId,
    executionId: ExecutionId,
    attempt: Attempt,
    failureEventId: z.uuid(),
    failedAt: IsoDateTime,
    errorType: z.string(),
    errorMessage: z.string(),
    from: ErrorClassification,
    to: ErrorClassification,
    /** SHA-256 (hex) of the rule table that decided `to`. */
    rulesHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'),
  }),
);

export const TaskEventSchema = z.discriminatedUnion('type', [
  TaskRegistered,
  TaskDefinitionChanged,
  TaskRemovedFromBacklog,
  TaskExecutionStarted,
  TaskProgressReported,
  TaskLeaseRenewed,
  TaskAttemptFailed,
  TaskRetryScheduled,
  TaskExecutionCompleted,
  TaskExecutionFailed,
  TaskSkipped,
  TaskExecutionAbandoned,
  RecoveryActionAttempted,
  ExecutionStateReset,
  ErrorReclassified,
]);
export type TaskEvent = z.infer<typeof TaskEventSchema>;
