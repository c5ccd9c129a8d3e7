import { execution, readModels, task } from '../test/read-models';
import { taskCorrelations } from './correlations';

describe('task correlations', () => {
  it('given success falling with priority, priority vs success is +1 over the tasks that ran', () => {
    const { tasks, metrics } = readModels([
      task('B-1', { priority: 'critical', points: 1 }),
      ...execution('B-1', { durationMs: 1000 }),
      task('B-2', { priority: 'high', points: 2 }),
      ...execution('B-2', { durationMs: 2000 }),
      ...execution('B-2', { fails: true }),
      task('B-3', { priority: 'low', points: 5 }),
      ...execution('B-3', { durationMs: 9000 }),
      ...execution('B-3', { fails: true }),
      ...execution('B-3', { fails: true }),
      task('B-4', { priority: 'unknown', points: 8 }),
    ]);
    const [priority, points, dependencies] = taskCorrelations(tasks, metrics);
    expect(priority).toEqual({
      name: 'priority_vs_success',
      x: 'priority (critical 4 .. low 1)',
      y: 'success rate',
      method: 'spearman',
      n: 3,
      rho: 1,
    });
    expect(points).toMatchObject({ name: 'points_vs_duration', n: 3, rho: 1 });
    expect(dependencies).toMatchObject({ name: 'dependencies_vs_retries', n: 3, rho: null });
  });

  it('given fewer than three tasks with both values, rho is null', () => {
    const { tasks, metrics } = readModels([task('B-1'), ...execution('B-1')]);
    expect(taskCorrelations(tasks, metrics).every((c) => c.rho === null && c.n <= 1)).toBe(true);
  });
});
