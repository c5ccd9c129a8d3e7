import { fill, h, table, taskLink } from '../dom';
import { formatPercent, formatTime } from '../format';
import { ErrorReport, Task, TaskPage } from '../types';
import { ViewFactory } from './view';

const tasksByCategory = async (api: Parameters<ViewFactory>[1]): Promise<Map<string, string[]>> => {
  const byCategory = new Map<string, string[]>();
  let cursor: string | null = null;
  do {
    const page: TaskPage = await api.get<TaskPage>('/tasks', { limit: 500, cursor });
    for (const task of page.items.filter((t: Task) => t.lastError !== null)) {
      const category = task.lastError?.category ?? 'unknown';
      byCategory.set(category, [...(byCategory.get(category) ?? []), task.id]);
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return byCategory;
};

const links = (ids: string[]) => h('span', {}, ...ids.flatMap((id, i) => [i > 0 ? ', ' : null, taskLink(id)]));

/** Errors: categories and severities, top fingerprints, recovery actions and retry patterns. */
export const errorsView: ViewFactory = (root, api) => {
  const body = h('div', { class: 'errors' });
  fill(root, h('h1', {}, 'Errors'), body);
  return {
    refresh: async () => {
      const [report, hit] = await Promise.all([api.get<ErrorReport>('/errors', { top: 20 }), tasksByCategory(api)]);
      const { recovery, retryPatterns: retries } = report;
      fill(
        body,
        h('p', {}, `${report.totalErrors} failed attempts in the ledger.`),
        h(
          'div',
          { class: 'columns' },
          table(
            'Categories',
            ['Category', 'Errors', 'Share', 'Tasks whose last error is this'],
            report.byCategory
              .filter((row) => row.count > 0)
              .map((row) => [row.key, row.count, formatPercent(row.share), links(hit.get(row.key) ?? [])]),
            { 'data-table': 'categories' },
          ),
          table(
            'Severities',
            ['Severity', 'Errors', 'Share'],
            report.bySeverity.map((row) => [row.key, row.count, formatPercent(row.share)]),
          ),
        ),
        table(
          'Top fingerprints',
          ['Count', 'Category', 'Fingerprint', 'Example', 'Tasks hit', 'First seen', 'Last seen'],
          report.topFingerprints.map((f) => [
            f.count,
            f.category,
            h('code', {}, f.fingerprint),
            f.example,
            links(f.tasks ?? []),
            formatTime(f.firstSeenAt),
            formatTime(f.lastSeenAt),
          ]),
          { 'data-table': 'fingerprints', class: 'wide' },
        ),
        table(
          `Recovery actions (success rate ${formatPercent(recovery.successRate)})`,
          ['Action', 'Attempted', 'Succeeded', 'Failed', 'Not applicable', 'Success rate'],
          Object.entries(recovery.byAction)
            .filter(([, counts]) => counts.attempted > 0)
            .map(([action, c]) => [
              action,
              c.attempted,
              c.succeeded,
              c.failed,
              c.notApplicable,
              formatPercent(c.succeeded + c.failed === 0 ? null : c.succeeded / (c.succeeded + c.failed)),
            ]),
          { 'data-table': 'recovery' },
        ),
        table(
          `Retry patterns: ${retries.retriedExecutions} of ${retries.executions} executions retried, ${formatPercent(retries.retrySuccessRate)} of them then succeeded`,
          ['Retries used', 'Executions'],
          Object.entries(retries.retriesHistogram).map(([retriesUsed, count]) => [retriesUsed, count]),
          { 'data-table': 'retries' },
        ),
      );
    },
  };
};
