import { toCsv } from './csv';
import { percent, shortTime, textTable } from './format';
import { CountShare, ErrorReport } from './errors.query';

const shares = (entries: readonly CountShare<string>[]): string[] =>
  entries.map((entry) => `  ${entry.key}: ${entry.count} (${percent(entry.share)})`);

const retryLines = (report: ErrorReport): string[] => {
  const retry = report.retryPatterns;
  const histogram = Object.entries(retry.retriesHistogram)
    .map(([retries, count]) => `${retries}: ${count}`)
    .join(', ');
  return [
    'Retry pattern analysis:',
    `  Total retries: ${retry.totalRetries} over ${retry.executions} ended executions (${retry.averageRetriesPerExecution ?? '-'} per execution)`,
    `  Executions by retries used: ${histogram}`,
    `  Retried executions: ${retry.retriedExecutions}, succeeded after retry: ${retry.succeededAfterRetry} (${percent(retry.retrySuccessRate)})`,
  ];
};

const temporalLines = (report: ErrorReport): string[] => {
  const { temporal } = report;
  const { hour: busiest } = temporal.byHourOfDay.reduce(
    (best, count, hour) => (count > best.count ? { hour, count } : best),
    { hour: 0, count: temporal.byHourOfDay[0] ?? 0 },
  );
  return [
    'Temporal trends (UTC):',
    `  First error: ${shortTime(temporal.firstErrorAt)}, last error: ${shortTime(temporal.lastErrorAt)}`,
    `  Busiest hour of day: ${String(busiest).padStart(2, '0')}:00 (${temporal.byHourOfDay[busiest]} errors)`,
    '  Errors per day (last 14 days with errors):',
    ...temporal.perDay.slice(-14).map((day) => `    ${day.day}: ${day.count}`),
    '  Errors per hour (last 24 hours with errors):',
    ...temporal.perHour.slice(-24).map((hour) => `    ${hour.hour}:00: ${hour.count}`),
  ];
};

/** The error statistics, every section of the JSON report in text. */
export const renderErrorsText = (report: ErrorReport): string => {
  const { recovery } = report;
  const lines = [
    'Error statistics:',
    `Total errors: ${report.totalErrors}`,
    `Most common error category: ${report.mostCommonCategory ?? '-'}`,
    '',
    'Errors by category:',
    ...shares(report.byCategory),
    '',
    'Severity distribution:',
    ...shares(report.bySeverity),
    '',
    `Recovery success rate: ${percent(recovery.successRate)} (${recovery.succeeded} succeeded, ${recovery.failed} failed, ${recovery.notApplicable} not applicable of ${recovery.attempted} attempted)`,
    '',
    ...retryLines(report),
    '',
    ...temporalLines(report),
    '',
    'Top error fingerprints:',
    ...textTable(
      ['count', 'category', 'type', 'last seen', 'example'],
      report.topFingerprints.map((f) => [
        String(f.count),
        f.category,
        f.errorType,
        shortTime(f.lastSeenAt),
        f.example.slice(0, 60),
      ]),
    ),
  ];
  return `${lines.join('\n')}\n`;
};

export const ERRORS_CSV_HEADER = [
  'fingerprint_id',
  'category',
  'error_type',
  'count',
  'first_seen_at',
  'last_seen_at',
  'fingerprint',
  'example',
  'ledger_position',
] as const;

/** The top fingerprints as RFC 4180 records (ledger position as a column: RFC 4180 has no comments). */
export const renderErrorsCsv = (report: ErrorReport): string =>
  toCsv(
    ERRORS_CSV_HEADER,
    report.topFingerprints.map((f) => [
      f.id,
      f.category,
      f.errorType,
      f.count,
      f.firstSeenAt,
      f.lastSeenAt,
      f.fingerprint,
      f.example,
      report.ledgerPosition,
    ]),
  );
