import { execution, readModels, task } from '../test/read-models';
import { backlogEta } from './backlog-eta';
import { durationEstimates } from './duration-estimate';

describe('backlog ETA', () => {
  // B-1 done; B-2 and B-3 wait on B-1 (done), B-4 waits on B-2 and B-3; B-5 has never run.
  const history = [
    task('B-1'),
    ...execution('B-1', { durationMs: 50_000 }),
    task('B-2', { dependencies: ['B-1'] }),
    ...execution('B-2', { durationMs: 10_000, fails: true }),
    ...execution('B-2', { durationMs: 10_000 }),
    task('B-3', { dependencies: ['B-1'] }),
    ...execution('B-3', { durationMs: 60_000 }),
    ...execution('B-3', { fails: true }),
    task('B-4', { dependencies: ['B-2', 'B-3'] }),
    ...execution('B-4', { durationMs: 20_000 }),
    ...execution('B-4', { fails: true }),
    task('B-5', { dependencies: ['B-4'] }),
  ];
  const { tasks, metrics } = readModels(history);
  const estimates = durationEstimates(metrics);

  it('given a completed B-2, the pending tasks are B-3, B-4 and B-5, one of them without history', () => {
    const eta = backlogEta(tasks, estimates);
    expect(eta).toMatchObject({ pendingTasks: 3, tasksWithoutHistory: 1, blockedByCycle: [] });
  });

  it('follows the chain B-3 → B-4 → B-5 and sums its medians (60 s + 20 s + 0 s without a fallback)', () => {
    const eta = backlogEta(tasks, estimates);
    expect(eta.criticalPath.taskIds).toEqual(['B-3', 'B-4', 'B-5']);
    expect(eta.criticalPath.medianMs).toBeCloseTo(80_000, -3);
  });

  it('given a fallback estimate, tasks without history take it', () => {
    const eta = backlogEta(tasks, estimates, { medianMs: 5000, p95Ms: 9000 });
    expect(eta.criticalPath.medianMs).toBeCloseTo(85_000, -3);
    expect(eta.criticalPath.p95Ms).toBeGreaterThanOrEqual(eta.criticalPath.medianMs);
    expect(eta.serial.medianMs).toBeCloseTo(85_000, -3);
  });

  it('given a dependency cycle, its tasks are reported apart and left off the path', () => {
    const cyclic = readModels([
      task('B-7', { dependencies: ['B-8'] }),
      task('B-8', { dependencies: ['B-7'] }),
      task('B-9'),
    ]);
    const eta = backlogEta(cyclic.tasks, new Map());
    expect(eta).toMatchObject({ pendingTasks: 3, tasksWithoutHistory: 3, blockedByCycle: ['B-7', 'B-8'] });
    expect(eta.criticalPath.taskIds).toEqual(['B-9']);
  });

  it('given tasks marked done in the backlog, they are not pending', () => {
    const done = readModels([task('B-1', { backlogStatus: 'done' })]);
    expect(backlogEta(done.tasks, new Map()).pendingTasks).toBe(0);
  });
});
