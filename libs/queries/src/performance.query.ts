import { performanceMetricsProjection, GLOBAL_DOC_ID } from '@taskledger/projections';
import type { RetriesHistogram } from '@taskledger/projections';
import { FindResult, ReadStore } from '@taskledger/read-store';
import { ledgerPosition } from './ledger-position';
import { PerformanceMetricsDoc, requireTask, readModel } from './read-models.access';

/** Performance of one task (or of all: taskId null), without the raw sketch and daily buckets. */
export interface PerformanceRow {
  taskId: string | null;
  executions: number;
  successes: number;
  failures: number;
  successRate: number | null;
  avgDurationMs: number | null;
  medianDurationMs: number | null;
  p95DurationMs: number | null;
  p99DurationMs: number | null;
  totalRetries: number;
  retriesHistogram: RetriesHistogram;
  lastExecutionAt: string | null;
  lastOutcome: 'success' | 'failure' | null;
}

export interface PerformanceStats {
  ledgerPosition: string | null;
  overall: PerformanceRow;
  /** One row per task that ended an execution, by task id. */
  tasks: PerformanceRow[];
}

const EMPTY_HISTOGRAM: RetriesHistogram = { '0': 0, '1': 0, '2': 0, '3': 0, '4': 0, '5+': 0 };

export const emptyPerformanceRow = (taskId: string | null): PerformanceRow => ({
  taskId,
  executions: 0,
  successes: 0,
  failures: 0,
  successRate: null,
  avgDurationMs: null,
  medianDurationMs: null,
  p95DurationMs: null,
  p99DurationMs: null,
  totalRetries: 0,
  retriesHistogram: { ...EMPTY_HISTOGRAM },
  lastExecutionAt: null,
  lastOutcome: null,
});

export const performanceRow = (doc: PerformanceMetricsDoc): PerformanceRow => ({
  taskId: doc.taskId,
  executions: doc.executions,
  successes: doc.successes,
  failures: doc.failures,
  successRate: doc.successRate,
  avgDurationMs: doc.avgDurationMs,
  medianDurationMs: doc.medianDurationMs,
  p95DurationMs: doc.p95DurationMs,
  p99DurationMs: doc.p99DurationMs,
  totalRetries: doc.totalRetries,
  retriesHistogram: doc.retriesHistogram,
  lastExecutionAt: doc.lastExecutionAt,
  lastOutcome: doc.lastOutcome,
});

/** Over all tasks (the `_global` document). */
export const overallPerformance = async (readStore: ReadStore): Promise<PerformanceRow> => {
  const global = await readModel(readStore, performanceMetricsProjection).get(GLOBAL_DOC_ID);
  return global === null ? emptyPerformanceRow(null) : performanceRow(global);
};

/** `stats`: overall average / median / p95, success rate, retries, and every task's row. */
export const performanceStats = async (readStore: ReadStore): Promise<PerformanceStats> => {
  const position = await ledgerPosition(readStore);
  const [overall, docs] = await Promise.all([
    overallPerformance(readStore),
    readModel(readStore, performanceMetricsProjection).findAll({ filter: { scope: 'task' } }),
  ]);
  return { ledgerPosition: position, overall, tasks: docs.map(performanceRow) };
};

/** A page of task rows by id, for the API. */
export const performancePage = async (
  readStore: ReadStore,
  page: { limit: number; cursor?: string | null },
): Promise<FindResult<PerformanceRow>> => {
  const found = await readModel(readStore, performanceMetricsProjection).find({
    filter: { scope: 'task' },
    limit: page.limit,
    cursor: page.cursor ?? null,
  });
  return { items: found.items.map(performanceRow), nextCursor: found.nextCursor };
};

/** One task's row: zeros for a known task that has not ended an execution; TaskledgerError('NotFound') for an unknown one. */
export const taskPerformance = async (readStore: ReadStore, taskId: string): Promise<PerformanceRow> => {
  const doc = await readModel(readStore, performanceMetricsProjection).get(taskId);
  if (doc !== null && doc.scope === 'task') return performanceRow(doc);
  await requireTask(readStore, taskId);
  return emptyPerformanceRow(taskId);
};
