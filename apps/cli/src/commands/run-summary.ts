import type { TaskExecutionDoc } from '@taskledger/projections';
import type { RunCounts, RunDeps, RunReport, TaskRunOutcome } from '@taskledger/runner';
import { formatDuration } from './run-format';

/** One task's state in the ledger after the run. */
export interface StatusRow {
  taskId: string;
  title: string;
  status: string;
  /** Attempts of its current (or last) execution. */
  attempts: number | null;
  executionTimeMs: number | null;
  note: string | null;
}

const noteFor = (
  doc: TaskExecutionDoc | undefined,
  outcome: TaskRunOutcome | undefined,
  backlogDone: boolean,
): string | null => {
  if (backlogDone && (doc === undefined || doc.status === 'pending')) return 'declared done in the backlog';
  if (outcome?.kind === 'manual') return `waits for \`taskledger report\`: ${outcome.message}`;
  if (
    outcome?.kind === 'held' ||
    outcome?.kind === 'error' ||
    outcome?.kind === 'lost' ||
    outcome?.kind === 'not-started'
  )
    return outcome.message;
  if (doc?.status === 'failed') return doc.failure?.message ?? null;
  if (doc?.status === 'skipped') return doc.skip?.message ?? null;
  return null;
};

/** The ledger's view of every task in the run's scope (read models caught up first), in backlog order. */
export const statusRows = async (deps: RunDeps, report: RunReport, backlogId?: string): Promise<StatusRow[]> => {
  await deps.catalogue.refresh();
  const tasks = (await deps.catalogue.tasks(backlogId)).sort(
    (a, b) => a.source.path.localeCompare(b.source.path) || a.source.line - b.source.line,
  );
  const docs = await deps.catalogue.executions(tasks.map((task) => task.id));
  const outcomes = new Map(report.tasks.map((record) => [record.taskId, record.outcome]));
  return tasks.map((task) => {
    const doc = docs.get(task.id);
    return {
      taskId: task.id,
      title: task.title,
      status:
        task.backlogStatus === 'done' && (doc?.status ?? 'pending') === 'pending' ? 'done' : (doc?.status ?? 'pending'),
      attempts: doc?.currentExecution?.attempt ?? null,
      executionTimeMs: doc?.executionTimeMs ?? null,
      note: noteFor(doc, outcomes.get(task.id), task.backlogStatus === 'done'),
    };
  });
};

const statusLine = (row: StatusRow, idWidth: number): string => {
  const attempts = row.attempts === null ? '' : `${row.attempts} attempt${row.attempts === 1 ? '' : 's'}`;
  const time = row.executionTimeMs === null ? '' : formatDuration(row.executionTimeMs);
  const note = row.note ? `  ${row.note}` : '';
  return `  ${row.taskId.padEnd(idWidth)}  ${row.status.padEnd(9)}  ${attempts.padEnd(10)}  ${time.padEnd(8)}  ${row.title}${note}`;
};

/** `This run: 5 completed, 1 failed, 2 skipped, 3 retries (9 attempts) in 3.4 s`: retries scheduled, not tasks retried. */
export const countsLine = (counts: RunCounts, durationMs: number, label = 'This run'): string => {
  const extra = [
    counts.abandoned > 0 ? `${counts.abandoned} abandoned` : '',
    counts.interrupted > 0 ? `${counts.interrupted} interrupted` : '',
  ].filter(Boolean);
  const parts = [
    `${counts.completed} completed`,
    `${counts.failed} failed`,
    `${counts.skipped} skipped`,
    `${counts.retried} ${counts.retried === 1 ? 'retry' : 'retries'}`,
    ...extra,
  ];
  return `${label}: ${parts.join(', ')} (${counts.started} attempt${counts.started === 1 ? '' : 's'}) in ${formatDuration(durationMs)}`;
};

/** Skips that were already in the ledger: reported, though this run appended nothing for them. */
const unchangedSkips = (report: RunReport): string[] =>
  report.tasks.flatMap(({ taskId, outcome }) => (outcome.kind === 'skipped' && !outcome.recorded ? [taskId] : []));

const nothingToRun = (rows: readonly StatusRow[]): string => {
  if (rows.length === 0)
    return 'No tasks in the ledger: parse a backlog first (taskledger run --backlog <file>, or taskledger parse <file>)';
  const failed = rows.filter((row) => row.status === 'failed').map((row) => row.taskId);
  const again = failed.length > 0 ? `; to try a failed task again: taskledger execute ${failed[0]}` : '';
  return `Nothing new to run: the ledger already has the outcome of every runnable task${again}`;
};

/** The status table and the run's counts, as printed at the end of `run`. */
export const summaryLines = (rows: readonly StatusRow[], report: RunReport): string[] => {
  const idWidth = Math.max(4, ...rows.map((row) => row.taskId.length));
  const lines = [
    '',
    'Status:',
    ...rows.map((row) => statusLine(row, idWidth)),
    '',
    countsLine(report.counts, report.durationMs),
  ];
  const unchanged = unchangedSkips(report);
  if (report.counts.started === 0 && !report.interrupted) lines.push(nothingToRun(rows));
  if (unchanged.length > 0) lines.push(`Still skipped, as already recorded: ${unchanged.join(', ')}`);
  if (report.abandoned.length > 0) lines.push(`Abandoned after their runner died: ${report.abandoned.join(', ')}`);
  if (report.interrupted)
    lines.push('Interrupted: running attempts were recorded as interrupted; run again to continue.');
  return lines;
};
