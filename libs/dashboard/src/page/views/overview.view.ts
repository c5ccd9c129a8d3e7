import { dailyChart } from '../charts';
import { fill, h, table } from '../dom';
import { formatDuration, formatPercent, statusSymbol } from '../format';
import { DailyRow, ErrorReport, LedgerStatus, PerformanceRow } from '../types';
import { ViewFactory } from './view';

const card = (label: string, value: string, id: string) =>
  h('div', { class: 'card', 'data-card': id }, h('span', { class: 'card-label' }, label), h('strong', {}, value));

const shares = (caption: string, rows: ErrorReport['byCategory']) =>
  table(
    caption,
    ['Name', 'Errors', 'Share'],
    rows.filter((row) => row.count > 0).map((row) => [row.key, row.count, formatPercent(row.share)]),
  );

const charts = (days: DailyRow[]) => {
  const labels = days.map((day) => day.day);
  return h(
    'div',
    { class: 'charts' },
    dailyChart(
      'Daily runs, successes and failures',
      labels,
      [
        { label: 'runs', values: days.map((d) => d.executions), stroke: '#1f5fbf' },
        { label: 'successes', values: days.map((d) => d.successes), stroke: '#1b7a3a', dash: [6, 3] },
        { label: 'failures', values: days.map((d) => d.failures), stroke: '#b3261e', dash: [2, 2] },
      ],
      'executions',
    ),
    dailyChart(
      'Daily duration percentiles (successful executions)',
      labels,
      [
        { label: 'p50', values: days.map((d) => d.p50DurationMs), stroke: '#1f5fbf' },
        { label: 'p95', values: days.map((d) => d.p95DurationMs), stroke: '#8a4b00', dash: [6, 3] },
        { label: 'p99', values: days.map((d) => d.p99DurationMs), stroke: '#b3261e', dash: [2, 2] },
      ],
      'ms',
    ),
  );
};

/** Overview: counts by status, success rate, percentiles, retries, errors, and the daily charts. */
export const overviewView: ViewFactory = (root, api) => {
  const body = h('div', { class: 'overview' });
  fill(root, h('h1', {}, 'Overview'), body);
  return {
    refresh: async () => {
      const [status, metrics, errors, daily] = await Promise.all([
        api.get<LedgerStatus>('/status'),
        api.get<{ overall: PerformanceRow }>('/metrics', { limit: 1 }),
        api.get<ErrorReport>('/errors', { top: 5 }),
        api.get<{ days: DailyRow[] }>('/performance/daily'),
      ]);
      const overall = metrics.overall;
      fill(
        body,
        h(
          'section',
          { class: 'cards', 'aria-label': 'Totals' },
          card('Tasks', String(status.totalTasks), 'tasks'),
          card('Success rate', formatPercent(status.successRate), 'success-rate'),
          card('Ended executions', String(status.executions), 'executions'),
          card('p50 duration', formatDuration(overall.medianDurationMs), 'p50'),
          card('p95 duration', formatDuration(overall.p95DurationMs), 'p95'),
          card('p99 duration', formatDuration(overall.p99DurationMs), 'p99'),
          card('Retries', String(overall.totalRetries), 'retries'),
          card('Errors', String(errors.totalErrors), 'errors'),
        ),
        h(
          'div',
          { class: 'columns' },
          table(
            'Tasks by execution status',
            ['Status', 'Tasks'],
            Object.entries(status.byStatus).map(([name, count]) => [
              h('a', { href: `#/tasks?status=${name}` }, `${statusSymbol(name)} ${name}`),
              count,
            ]),
            { 'data-table': 'by-status' },
          ),
          shares('Errors by category', errors.byCategory),
          shares('Errors by severity', errors.bySeverity),
        ),
        daily.days.length === 0
          ? h('p', {}, 'No execution has ended yet: the charts appear after the first.')
          : charts(daily.days),
      );
    },
  };
};
