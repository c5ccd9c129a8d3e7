import { parseRoute, tasksHash } from './router';

describe('page routes', () => {
  it('names the view of each hash', () => {
    expect(parseRoute('')).toEqual({ view: 'overview' });
    expect(parseRoute('#/errors')).toEqual({ view: 'errors' });
    expect(parseRoute('#/task/EX%2F2')).toEqual({ view: 'task', id: 'EX/2' });
    const tasks = parseRoute('#/tasks?status=failed&sort=-executionTimeMs');
    expect(tasks.view === 'tasks' && Object.fromEntries(tasks.params)).toEqual({
      status: 'failed',
      sort: '-executionTimeMs',
    });
  });

  it('keeps only the filters that are set in the task table hash', () => {
    expect(tasksHash({ status: 'failed', priority: '', q: 'deploy' })).toBe('#/tasks?status=failed&q=deploy');
    expect(tasksHash({ status: '' })).toBe('#/tasks');
  });
});
