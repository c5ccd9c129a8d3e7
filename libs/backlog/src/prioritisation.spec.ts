import { aParsedTask as aTask } from './testing/backlog-test-tasks';
import { aiExecutableQueue, laneExclusions, priorityLanes, queueExclusions, sortByPriority } from './prioritisation';

describe('prioritisation', () => {
  it('sorts by priority, then score descending (unscored last), then id', () => {
    const tasks = [
      aTask('B-10', { priority: 'low', scoreTotal: 9 }),
      aTask('B-2', { priority: 'critical', scoreTotal: null }),
      aTask('B-3', { priority: 'critical', scoreTotal: 4 }),
      aTask('B-1', { priority: 'critical', scoreTotal: 4 }),
      aTask('B-4', { priority: 'unknown', scoreTotal: 10 }),
      aTask('B-5', { priority: 'high', scoreTotal: 1 }),
    ];
    expect(sortByPriority(tasks).map((task) => task.id)).toEqual(['B-1', 'B-3', 'B-2', 'B-5', 'B-10', 'B-4']);
  });

  it('cuts pending scored tasks into P0/P1/P2 lanes of 5, 7 and 8 by score', () => {
    const tasks = Array.from({ length: 25 }, (_, i) =>
      aTask(`B-${i + 1}`, { scoreTotal: 25 - i, backlogStatus: i === 0 ? 'done' : 'todo' }),
    );
    tasks.push(aTask('B-99', { scoreTotal: null }));
    const lanes = priorityLanes(tasks, { done: ['B-3'] });
    expect(lanes.p0).toEqual(['B-2', 'B-4', 'B-5', 'B-6', 'B-7']);
    expect(lanes.p1).toHaveLength(7);
    expect(lanes.p2).toEqual(['B-15', 'B-16', 'B-17', 'B-18', 'B-19', 'B-20', 'B-21', 'B-22']);
    expect(priorityLanes(tasks, { sizes: [1, 1, 1] })).toEqual({ p0: ['B-2'], p1: ['B-3'], p2: ['B-4'] });
  });

  it('says why each task is in no lane: done, no score, or the lanes are full', () => {
    const tasks = [
      aTask('B-10', { scoreTotal: null }),
      aTask('B-2', { scoreTotal: 5, backlogStatus: 'done' }),
      aTask('B-3', { scoreTotal: 4 }),
      aTask('B-4', { scoreTotal: 3 }),
      aTask('B-5', { scoreTotal: 2 }),
      aTask('B-6', { scoreTotal: null }),
      aTask('B-7', { scoreTotal: 1 }),
    ];
    expect(laneExclusions(tasks, { done: ['B-7'], sizes: [1, 0, 1] })).toEqual({
      noScore: ['B-6', 'B-10'],
      lanesFull: ['B-5'],
      done: ['B-2', 'B-7'],
    });
    expect(laneExclusions(tasks, { done: ['B-7'] })).toEqual({
      noScore: ['B-6', 'B-10'],
      lanesFull: [],
      done: ['B-2', 'B-7'],
    });
  });

  it('says why each task is not queued: done, human-required, or no executor', () => {
    const tasks = [
      aTask('B-1', { defaultExecutor: 'x.md' }),
      aTask('B-2', { defaultExecutor: 'x.md', humanRequired: true }),
      aTask('B-3', { humanRequired: true, backlogStatus: 'done' }),
      aTask('B-4'),
    ];
    expect(queueExclusions(tasks)).toEqual({ noExecutor: ['B-4'], humanRequired: ['B-2'], done: ['B-3'] });
    expect(queueExclusions(tasks, { fallbackExecutor: 'default.md', done: ['B-1'] })).toEqual({
      noExecutor: [],
      humanRequired: ['B-2'],
      done: ['B-1', 'B-3'],
    });
  });

  it('queues pending, not human-required tasks that have an executor, in priority order', () => {
    const tasks = [
      aTask('B-1', { defaultExecutor: '003_process-task-list.md', priority: 'low' }),
      aTask('B-2', { defaultExecutor: '003_process-task-list.md', humanRequired: true }),
      aTask('B-3', { defaultExecutor: '003_process-task-list.md', backlogStatus: 'done' }),
      aTask('B-4', { defaultExecutor: 'x.md', priority: 'critical' }),
      aTask('B-5'),
    ];
    expect(aiExecutableQueue(tasks, { done: ['B-4'] })).toEqual([
      { taskId: 'B-1', executor: '003_process-task-list.md' },
    ]);
    expect(aiExecutableQueue(tasks, { fallbackExecutor: 'default.md' }).map((queued) => queued.taskId)).toEqual([
      'B-4',
      'B-5',
      'B-1',
    ]);
  });
});
