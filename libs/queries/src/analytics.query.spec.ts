import { buildLedger, scenario } from '../test/ledger';
import { correlations, estimateBacklog, estimateTask, findHighRetryTasks, findSlowTasks } from './analytics.query';
import { anomalies, predictions } from './predictions.query';

describe('analytics over the read models', () => {
  const ledger = buildLedger(scenario());

  it('given B-1 averaging 400 s, it is the one slow task at the default threshold (300 s)', async () => {
    const result = await findSlowTasks((await ledger).readStore);
    expect(result.thresholdMs).toBe(300_000);
    expect(result.tasks.map((task) => task.taskId)).toEqual(['B-1']);
  });

  it('given B-2 retried once, it is high-retry only under a threshold below 1', async () => {
    const { readStore } = await ledger;
    expect((await findHighRetryTasks(readStore)).tasks).toEqual([]);
    expect((await findHighRetryTasks(readStore, { threshold: 0 })).tasks.map((task) => task.taskId)).toEqual(['B-2']);
  });

  it('predicts success per task with the posterior, trend and threshold rule side by side', async () => {
    const page = await predictions((await ledger).readStore);
    expect(page.items.map((p) => [p.taskId, p.posterior.mean, p.seedRule.predictedSuccess])).toEqual([
      ['B-1', 0.6667, true],
      ['B-2', 0.6667, true],
      ['B-3', 0.3333, false],
    ]);
    expect(page.items[0]!.trend).toMatchObject({
      recentExecutions: 1,
      recentSuccessRate: 1,
      direction: 'insufficient-data',
    });
  });

  it('given named tasks, predicts those, including one that never ran', async () => {
    const page = await predictions((await ledger).readStore, { taskIds: ['B-4'] });
    expect(page.items[0]).toMatchObject({
      taskId: 'B-4',
      executions: 0,
      posterior: { mean: 0.5 },
      seedRule: { predictedSuccess: null },
    });
    await expect(predictions((await ledger).readStore, { taskIds: ['B-404'] })).rejects.toMatchObject({
      code: 'NotFound',
    });
  });

  it('estimates the backlog: B-3 (failed), B-4 and B-5 are pending, none with a completed duration', async () => {
    const { eta } = await estimateBacklog((await ledger).readStore);
    expect(eta).toMatchObject({ pendingTasks: 3, tasksWithoutHistory: 3, blockedByCycle: [] });
    expect(eta.fallback).not.toBeNull();
    expect(await estimateTask((await ledger).readStore, 'B-1')).toMatchObject({ taskId: 'B-1', samples: 1 });
  });

  it('reports correlations with n and method', async () => {
    const result = await correlations((await ledger).readStore);
    expect(result.map((c) => [c.name, c.method, c.n])).toEqual([
      ['priority_vs_success', 'spearman', 3],
      ['points_vs_duration', 'spearman', 2],
      ['dependencies_vs_retries', 'spearman', 3],
    ]);
  });

  it('given only two completed durations overall, has no reference p99 and so flags nothing', async () => {
    expect(await anomalies((await ledger).readStore)).toEqual({
      durations: [],
      failureSpikes: [],
      referenceP99Ms: null,
    });
  });
});
