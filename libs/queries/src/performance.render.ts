import { toCsv } from './csv';
import { percent, seconds, shortTime, textTable } from './format';
import { PerformanceRow, PerformanceStats } from './performance.query';

/** The `stats` report: overall figures, then one line per task. */
export const renderStatsText = (stats: PerformanceStats): string => {
  const { overall } = stats;
  const lines = [
    'Performance statistics:',
    `Executions: ${overall.executions} (${overall.successes} succeeded, ${overall.failures} failed)`,
    `Average execution time: ${seconds(overall.avgDurationMs)}`,
    `Median execution time: ${seconds(overall.medianDurationMs)}`,
    `95th percentile execution time: ${seconds(overall.p95DurationMs)}`,
    `Overall success rate: ${percent(overall.successRate)}`,
    `Total retries: ${overall.totalRetries}`,
    '',
    ...textTable(
      ['task', 'runs', 'success', 'avg', 'median', 'p95', 'retries', 'last run'],
      stats.tasks.map((row) => [
        row.taskId ?? '-',
        String(row.executions),
        percent(row.successRate),
        seconds(row.avgDurationMs),
        seconds(row.medianDurationMs),
        seconds(row.p95DurationMs),
        String(row.totalRetries),
        `${shortTime(row.lastExecutionAt)} ${row.lastOutcome ?? ''}`.trim(),
      ]),
    ),
  ];
  return `${lines.join('\n')}\n`;
};

export const METRICS_CSV_HEADER = [
  'task_id',
  'executions',
  'successes',
  'failures',
  'success_rate',
  'avg_duration_ms',
  'median_duration_ms',
  'p95_duration_ms',
  'p99_duration_ms',
  'total_retries',
  'last_execution_at',
  'last_outcome',
  'ledger_position',
] as const;

const metricsRecord = (row: PerformanceRow, position: string | null) => [
  row.taskId,
  row.executions,
  row.successes,
  row.failures,
  row.successRate,
  row.avgDurationMs,
  row.medianDurationMs,
  row.p95DurationMs,
  row.p99DurationMs,
  row.totalRetries,
  row.lastExecutionAt,
  row.lastOutcome,
  position,
];

/**
 * One RFC 4180 record per task (by id). RFC 4180 has no comments, so the ledger position is a
 * column (the same on every row) rather than a header line.
 */
export const renderMetricsCsv = (stats: PerformanceStats): string =>
  toCsv(
    METRICS_CSV_HEADER,
    stats.tasks.map((row) => metricsRecord(row, stats.ledgerPosition)),
  );
