import { z } from 'zod';

/** A task id as normalised by the backlog parser: ASCII, e.g. `B-049`, `B-052-d`. No whitespace. */
export const TaskId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\s]+$/, 'must contain no whitespace');
export const ExecutionId = z.uuid();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const JsonObject = z.record(z.string(), z.json());

export const Priority = z.enum(['critical', 'high', 'medium', 'low', 'unknown']);
export const BacklogStatus = z.enum(['todo', 'in_progress', 'done', 'blocked', 'unknown']);
export const ErrorCategory = z.enum([
  'network',
  'file_system',
  'database',
  'permission',
  'timeout',
  'validation',
  'execution',
  'unknown',
]);
export const ErrorSeverity = z.enum(['low', 'medium', 'high', 'critical']);

/** Where a task was read from: the backlog file and the 1-based line of its first sighting. */
export const SourceLocation = z.strictObject({ path: z.string(), line: z.number().int().positive() });

/** A task as the backlog declares it. Every field a re-parse can change is diffed field by field. */
export const TaskDefinition = z.strictObject({
  title: z.string(),
  priority: Priority,
  priorityIcon: z.string().nullable(),
  points: z.number().nonnegative().nullable(),
  backlogStatus: BacklogStatus,
  backlogStatusRaw: z.string().nullable(),
  description: z.string().nullable(),
  techFootprint: z.string().nullable(),
  dependencies: z.array(TaskId),
  unresolvedDependencies: z.array(z.string()),
  scoreTotal: z.number().nullable(),
  score: JsonObject.nullable(),
  humanRequired: z.boolean(),
  humanReason: z.string().nullable(),
  defaultExecutor: z.string().nullable(),
  runCommand: z.string().nullable(),
  estHours: z.number().nonnegative().nullable(),
  completionDate: z.string().nullable(),
  meta: JsonObject,
  source: SourceLocation,
});

/** Facts about a failure as observed, before any interpretation. */
export const RawErrorFacts = z.strictObject({
  type: z.string(),
  message: z.string(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  spawnErrorCode: z.string().nullable(),
  stderrTail: z.string(),
  stdoutTail: z.string(),
  context: JsonObject,
});

/** The classification decided at the time, so a later classifier can re-classify from the raw facts. */
export const ErrorClassification = z.strictObject({
  category: ErrorCategory,
  severity: ErrorSeverity,
  ruleId: z.string(),
  classifierVersion: z.number().int().positive(),
});

export const RetryPolicy = z.strictObject({
  category: ErrorCategory,
  maxRetries: z.number().int().nonnegative(),
  baseDelayMs: z.number().nonnegative(),
  multiplier: z.number().positive(),
  maxDelayMs: z.number().nonnegative(),
  jitter: z.boolean(),
});

export type TaskDefinition = z.infer<typeof TaskDefinition>;
export type RawErrorFacts = z.infer<typeof RawErrorFacts>;
export type ErrorClassification = z.infer<typeof ErrorClassification>;
export type RetryPolicy = z.infer<typeof RetryPolicy>;
export type ErrorCategory = z.infer<typeof ErrorCategory>;
export type ErrorSeverity = z.infer<typeof ErrorSeverity>;
export type Priority = z.infer<typeof Priority>;
export type BacklogStatus = z.infer<typeof BacklogStatus>;
