import { BacklogStatus, Priority } from '@taskledger/events';
import { EXECUTION_STATUSES, MAX_PAGE_SIZE, TASK_SORT_FIELDS } from '@taskledger/queries';
import { z } from 'zod';

/** A task id as the backlog parser normalises it: no whitespace, at most 100 characters. */
export const TaskIdParams = z.strictObject({
  id: z.string().min(1).max(100).regex(/^\S+$/, 'a task id has no whitespace'),
});

export const MetricsParams = z.strictObject({ taskId: TaskIdParams.shape.id });

export const limitParam = (fallback: number, max = MAX_PAGE_SIZE) =>
  z.coerce.number().int().min(1).max(max).default(fallback).describe(`Page size, 1..${max} (default ${fallback}).`);

export const cursorParam = z
  .string()
  .min(1)
  .max(2000)
  .optional()
  .describe('The nextCursor of the previous page (same filters and sort).');

const booleanParam = z.enum(['true', 'false']).transform((value) => value === 'true');

const sortPattern = new RegExp(`^-?(${TASK_SORT_FIELDS.join('|')})$`);

export const TasksQuery = z.strictObject({
  status: z
    .enum(EXECUTION_STATUSES as [string, ...string[]])
    .optional()
    .describe('Execution status.'),
  backlogStatus: BacklogStatus.optional().describe('Status as the backlog declares it.'),
  priority: Priority.optional(),
  humanRequired: booleanParam.optional().describe('true or false.'),
  sort: z
    .string()
    .regex(sortPattern, `one of ${TASK_SORT_FIELDS.join(', ')}, with a leading "-" for descending`)
    .optional()
    .describe(
      `Sort field (${TASK_SORT_FIELDS.join(', ')}); prefix "-" for descending. Default id. ` +
        'priority sorts by rank: critical, high, medium, low, unknown.',
    ),
  limit: limitParam(50),
  cursor: cursorParam,
});

export const HistoryQuery = z.strictObject({
  from: z.coerce.number().int().min(0).default(0).describe('First stream revision (inclusive). Default 0.'),
  limit: limitParam(100),
});

export const VerifyQuery = z.strictObject({
  stream: z
    .string()
    .min(1)
    .max(200)
    .regex(/^\S+$/, 'a stream name has no whitespace')
    .optional()
    .describe('Verify this stream only, e.g. task-B-049 (404 when the ledger has no such stream).'),
});

export const PageQuery = z.strictObject({ limit: limitParam(100), cursor: cursorParam });

export const ErrorsQuery = z.strictObject({
  top: z.coerce.number().int().min(1).max(20).default(20).describe('Fingerprints to list (1..20).'),
});

export const SlowQuery = z.strictObject({
  thresholdSeconds: z.coerce
    .number()
    .positive()
    .default(300)
    .describe('Average execution time above which a task is slow. Default 300.'),
});

export const HighRetryQuery = z.strictObject({
  threshold: z.coerce.number().int().min(0).default(3).describe('Retries above which a task is listed. Default 3.'),
});

const probability = z.coerce.number().min(0).max(1);
const positive = z.coerce.number().positive();

export const PredictionsQuery = z.strictObject({
  taskId: TaskIdParams.shape.id.optional().describe('One task instead of a page of tasks.'),
  limit: limitParam(100),
  cursor: cursorParam,
  window: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(10)
    .describe('Latest executions the trend looks at. Default 10.'),
  priorAlpha: positive.default(1).describe('Beta prior pseudo-successes. Default 1 (uniform prior).'),
  priorBeta: positive.default(1).describe('Beta prior pseudo-failures. Default 1.'),
  minSuccessRate: probability.default(0.8).describe('Threshold rule: success rate above this. Default 0.8.'),
  maxAvgSeconds: positive.default(600).describe('Threshold rule: average below this, in seconds. Default 600.'),
});

export const AnomaliesQuery = z.strictObject({
  taskId: TaskIdParams.shape.id.optional().describe('Only this task.'),
  zThreshold: positive.default(3.5).describe('Modified z-score threshold. Default 3.5.'),
  minHistory: z.coerce
    .number()
    .int()
    .min(2)
    .default(10)
    .describe('Completed executions below which a history is short. Default 10.'),
  p99Multiple: positive.default(2).describe('Short histories: flag above p99 (all tasks) times this. Default 2.'),
  minExecutions: z.coerce
    .number()
    .int()
    .min(1)
    .default(5)
    .describe('Days with fewer ended executions are not judged. Default 5.'),
});

export const EstimateQuery = z.strictObject({
  taskId: TaskIdParams.shape.id.optional().describe('One task instead of the backlog.'),
});

export const NoQuery = z.strictObject({});
