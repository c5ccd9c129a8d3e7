import { attemptFailed, executionIdFor, retryScheduled, started } from '@taskledger/events/testing';
import { execution, readModels, task } from '../test/read-models';
import { highRetryTasks, slowTasks } from './bottlenecks';

describe('slow tasks', () => {
  const { metrics } = readModels([
    task('B-1'),
    ...execution('B-1', { durationMs: 400_000 }),
    ...execution('B-1', { durationMs: 300_000 }),
    task('B-2'),
    ...execution('B-2', { durationMs: 300_000 }),
    task('B-3'),
    ...execution('B-3', { durationMs: 900_000 }),
  ]);

  it('given averages of 350 s, 300 s and 900 s, lists those above 300 s, slowest first', () => {
    expect(slowTasks(metrics).map((slow) => [slow.taskId, slow.avgDurationMs])).toEqual([
      ['B-3', 900_000],
      ['B-1', 350_000],
    ]);
  });

  it('given a configured threshold of 500 s, lists only B-3', () => {
    expect(slowTasks(metrics, { thresholdMs: 500_000 }).map((slow) => slow.taskId)).toEqual(['B-3']);
  });
});

describe('high-retry tasks', () => {
  const retries = (taskId: string, count: number) => {
    const executionId = executionIdFor(900);
    return Array.from({ length: count }, (_, i) => [
      started(taskId, { executionId, attempt: i + 1 }),
      attemptFailed(taskId, { executionId, attempt: i + 1 }),
      retryScheduled(taskId, { executionId, failedAttempt: i + 1 }),
    ]).flat();
  };

  it('given 4 and 3 retries, lists only the task with more than 3', () => {
    const { tasks } = readModels([task('B-1'), ...retries('B-1', 4), task('B-2'), ...retries('B-2', 3)]);
    expect(highRetryTasks(tasks)).toEqual([
      { taskId: 'B-1', totalRetries: 4, retryCount: 4, executions: 1, status: 'retrying' },
    ]);
  });
});
