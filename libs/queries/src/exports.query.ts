import { taskExecutionsProjection } from '@taskledger/projections';
import { ReadStore } from '@taskledger/read-store';
import { toCsv } from './csv';
import { ErrorReport, errorReport } from './errors.query';
import { renderErrorsCsv } from './errors.render';
import { ledgerPosition } from './ledger-position';
import { PerformanceStats, performanceStats } from './performance.query';
import { renderMetricsCsv } from './performance.render';
import { TaskExecutionDoc, readModel } from './read-models.access';
import { countedStatus, isDeclaredDone } from './status.query';

export const EXPORT_KINDS = ['tasks', 'metrics', 'errors'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface TasksExport {
  ledgerPosition: string | null;
  /** The documents, with `status` as the status breakdown counts it (see `countedStatus`). */
  tasks: TaskExecutionDoc[];
}

export interface ExportFile {
  /** The ledger position the export reflects (also in the body: a field in JSON, a column in CSV). */
  ledgerPosition: string | null;
  contentType: 'application/json; charset=utf-8' | 'text/csv; charset=utf-8';
  body: string;
}

/** Every task document by id; a task the backlog declares done and the ledger never ran is completed. */
export const tasksExport = async (readStore: ReadStore): Promise<TasksExport> => {
  const position = await ledgerPosition(readStore);
  const tasks = await readModel(readStore, taskExecutionsProjection).findAll();
  return {
    ledgerPosition: position,
    tasks: tasks.map((task) => (isDeclaredDone(task) ? { ...task, status: countedStatus(task) } : task)),
  };
};

export const TASKS_CSV_HEADER = [
  'task_id',
  'title',
  'priority',
  'points',
  'backlog_status',
  'status',
  'executions',
  'retry_count',
  'total_retries',
  'started_at',
  'completed_at',
  'execution_time_ms',
  'exit_code',
  'last_error_category',
  'last_error_message',
  'human_required',
  'dependencies',
  'ledger_position',
] as const;

export const renderTasksCsv = (data: TasksExport): string =>
  toCsv(
    TASKS_CSV_HEADER,
    data.tasks.map((t) => [
      t.id,
      t.title,
      t.priority,
      t.points,
      t.backlogStatus,
      t.status,
      t.executions,
      t.retryCount,
      t.totalRetries,
      t.startedAt,
      t.completedAt,
      t.executionTimeMs,
      t.exitCode,
      t.lastError?.category ?? null,
      t.lastError?.message ?? null,
      t.humanRequired,
      t.dependencies.join(';'),
      data.ledgerPosition,
    ]),
  );

/** Pretty JSON with a final newline; key order is the documents' own, so equal read models give equal bytes. */
export const renderJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const json = (data: { ledgerPosition: string | null }): ExportFile => ({
  ledgerPosition: data.ledgerPosition,
  contentType: 'application/json; charset=utf-8',
  body: renderJson(data),
});

const csv = (data: { ledgerPosition: string | null }, body: string): ExportFile => ({
  ledgerPosition: data.ledgerPosition,
  contentType: 'text/csv; charset=utf-8',
  body,
});

const renderers: Record<ExportKind, (readStore: ReadStore, format: ExportFormat) => Promise<ExportFile>> = {
  tasks: async (store, format) => {
    const data = await tasksExport(store);
    return format === 'json' ? json(data) : csv(data, renderTasksCsv(data));
  },
  metrics: async (store, format) => {
    const data: PerformanceStats = await performanceStats(store);
    return format === 'json' ? json(data) : csv(data, renderMetricsCsv(data));
  },
  errors: async (store, format) => {
    const data: ErrorReport = await errorReport(store);
    return format === 'json' ? json(data) : csv(data, renderErrorsCsv(data));
  },
};

/**
 * A reproducible export: deterministic order (by id), no wall-clock time, the ledger position
 * instead; the same read models give the same bytes.
 */
export const exportFile = (readStore: ReadStore, kind: ExportKind, format: ExportFormat): Promise<ExportFile> =>
  renderers[kind](readStore, format);
