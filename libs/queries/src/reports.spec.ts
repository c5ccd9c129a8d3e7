import { buildLedger, scenario } from '../test/ledger';
import { parseCsv } from './testing/csv-parse';
import { errorReport } from './errors.query';
import { renderErrorsCsv, renderErrorsText } from './errors.render';
import { performanceStats, taskPerformance } from './performance.query';
import { METRICS_CSV_HEADER, renderMetricsCsv, renderStatsText } from './performance.render';

describe('performance stats', () => {
  const ledger = buildLedger(scenario());

  it('gives overall figures and one row per task that ended an execution', async () => {
    const stats = await performanceStats((await ledger).readStore);
    expect(stats.overall).toMatchObject({
      executions: 3,
      successes: 2,
      failures: 1,
      successRate: 0.6667,
      totalRetries: 1,
    });
    expect(stats.overall.avgDurationMs).toBe(201_000);
    expect(stats.tasks.map((row) => [row.taskId, row.executions, row.successRate])).toEqual([
      ['B-1', 1, 1],
      ['B-2', 1, 1],
      ['B-3', 1, 0],
    ]);
    expect(stats.ledgerPosition).toBe('16');
  });

  it('renders the figures: average, median, p95, success rate, retries, then the table', async () => {
    const text = renderStatsText(await performanceStats((await ledger).readStore));
    expect(text).toContain('Average execution time: 201.00s');
    expect(text).toContain('Overall success rate: 66.7%');
    expect(text).toContain('Total retries: 1');
    expect(text).toMatch(/\nB-1 +1 +100\.0% +400\.00s/);
  });

  it('writes RFC 4180 CSV with a header and one record per task that parses back', async () => {
    const records = parseCsv(renderMetricsCsv(await performanceStats((await ledger).readStore)));
    expect(records[0]).toEqual([...METRICS_CSV_HEADER]);
    expect(records.slice(1).map((record) => [record[0], record[1], record[4], record[12]])).toEqual([
      ['B-1', '1', '1', '16'],
      ['B-2', '1', '1', '16'],
      ['B-3', '1', '0', '16'],
    ]);
  });

  it('given a known task that never ended an execution, gives zeros; an unknown one is NotFound', async () => {
    const { readStore } = await ledger;
    expect(await taskPerformance(readStore, 'B-4')).toMatchObject({ taskId: 'B-4', executions: 0, successRate: null });
    await expect(taskPerformance(readStore, 'B-404')).rejects.toMatchObject({ code: 'NotFound' });
  });
});

describe('error report', () => {
  const ledger = buildLedger(scenario());

  it('has frequency by category, severity distribution, recovery, retry patterns, temporal trends and fingerprints', async () => {
    const report = await errorReport((await ledger).readStore);
    expect(report.totalErrors).toBe(2);
    expect(report.byCategory.slice(0, 2)).toEqual([
      { key: 'network', count: 1, share: 0.5 },
      { key: 'timeout', count: 1, share: 0.5 },
    ]);
    expect(report.bySeverity).toEqual([
      { key: 'low', count: 0, share: 0 },
      { key: 'medium', count: 1, share: 0.5 },
      { key: 'high', count: 1, share: 0.5 },
      { key: 'critical', count: 0, share: 0 },
    ]);
    expect(report.retryPatterns).toMatchObject({
      executions: 3,
      totalRetries: 1,
      retriedExecutions: 1,
      succeededAfterRetry: 1,
      retrySuccessRate: 1,
    });
    expect(report.temporal.perHour).toEqual([{ hour: '2026-01-05T09', count: 2 }]);
    expect(report.temporal.perDay).toEqual([{ day: '2026-01-05', count: 2 }]);
    expect(report.temporal.byHourOfDay[9]).toBe(2);
    expect(report.topFingerprints.map((f) => f.example).sort()).toEqual([
      'connection refused, "retrying"',
      'timed out after 60s',
    ]);
    expect(Object.keys(report)).toEqual([
      'ledgerPosition',
      'totalErrors',
      'mostCommonCategory',
      'byCategory',
      'bySeverity',
      'byType',
      'recovery',
      'retryPatterns',
      'temporal',
      'topFingerprints',
    ]);
  });

  it('renders every section in text', async () => {
    const text = renderErrorsText(await errorReport((await ledger).readStore));
    for (const heading of [
      'Errors by category:',
      'Severity distribution:',
      'Recovery success rate:',
      'Retry pattern analysis:',
      'Temporal trends (UTC):',
      'Top error fingerprints:',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('  network: 1 (50.0%)');
  });

  it('exports fingerprints as CSV that parses back, quoting where needed', async () => {
    const records = parseCsv(renderErrorsCsv(await errorReport((await ledger).readStore)));
    expect(records).toHaveLength(3);
    expect(records.every((record) => record.length === records[0]!.length)).toBe(true);
  });
});
