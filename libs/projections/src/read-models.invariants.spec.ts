import fc from 'fast-check';
import { ERROR_CATEGORIES, ErrorStatisticsDoc } from './error-statistics.doc';
import { errorStatisticsProjection } from './error-statistics.projection';
import { foldAll } from './testing/fold-harness';
import { arbitraryHistory } from './testing/history.generator';
import { PerformanceMetricsDoc } from './performance-metrics.doc';
import { performanceMetricsProjection } from './performance-metrics.projection';
import { readModels } from './read-models';
import { taskExecutionsProjection } from './task-executions.projection';

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const runs = { numRuns: 60 };

const checkMetrics = (doc: PerformanceMetricsDoc): void => {
  expect(doc.successes + doc.failures).toBe(doc.executions);
  expect(doc.durations.count + doc.rejectedDurations).toBe(doc.successes);
  expect(sum(Object.values(doc.retriesHistogram))).toBe(doc.executions);
  expect(sum(Object.values(doc.daily).map((day) => day.executions))).toBeLessThanOrEqual(doc.executions);
};

const checkErrors = (doc: ErrorStatisticsDoc): void => {
  expect(sum(Object.values(doc.byCategory))).toBe(doc.totalErrors);
  expect(sum(Object.values(doc.bySeverity))).toBe(doc.totalErrors);
  expect(sum(doc.fingerprints.map((stat) => stat.count))).toBeLessThanOrEqual(doc.totalErrors);
};

describe('read models over any valid history', () => {
  it('name their collections after what they hold: backlog definitions, executions, history, metrics, errors', () =>
    expect(readModels.map((projection) => projection.name)).toEqual([
      'backlog_tasks',
      'task_executions',
      'execution_history',
      'performance_metrics',
      'error_statistics',
    ]));

  it('add up performance per task to the _global document', () =>
    fc.assert(
      fc.property(arbitraryHistory(), (events) => {
        const docs = foldAll(performanceMetricsProjection, events);
        const tasks = [...docs.values()].filter((doc) => doc.scope === 'task');
        tasks.forEach(checkMetrics);
        expect(docs.get('_global')?.executions ?? 0).toBe(sum(tasks.map((doc) => doc.executions)));
        expect(docs.get('_global')?.totalRetries ?? 0).toBe(sum(tasks.map((doc) => doc.totalRetries)));
      }),
      runs,
    ));

  it('add up errors per category to the _global document', () =>
    fc.assert(
      fc.property(arbitraryHistory(), (events) => {
        const docs = foldAll(errorStatisticsProjection, events);
        docs.forEach(checkErrors);
        const categories = ERROR_CATEGORIES.map((category) => docs.get(`category:${category}`)?.totalErrors ?? 0);
        expect(docs.get('_global')?.totalErrors ?? 0).toBe(sum(categories));
        expect(docs.get('_global')?.recovery.attempted ?? 0).toBe(
          sum(ERROR_CATEGORIES.map((category) => docs.get(`category:${category}`)?.recovery.attempted ?? 0)),
        );
      }),
      runs,
    ));

  it('count every scheduled retry of a task in its task_executions document', () =>
    fc.assert(
      fc.property(arbitraryHistory(), (events) => {
        const docs = foldAll(taskExecutionsProjection, events);
        docs.forEach((doc) =>
          expect(doc.totalRetries).toBe(
            events.filter((event) => event.type === 'TaskRetryScheduled' && event.data.taskId === doc.id).length,
          ),
        );
      }),
      runs,
    ));
});
