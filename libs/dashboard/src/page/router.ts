export type Route =
  { view: 'overview' } | { view: 'tasks'; params: URLSearchParams } | { view: 'task'; id: string } | { view: 'errors' };

/** The view a location hash names: `#/`, `#/tasks?status=failed`, `#/task/EX-2`, `#/errors`. */
export const parseRoute = (hash: string): Route => {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter((part) => part !== '');
  if (parts[0] === 'tasks') return { view: 'tasks', params: new URLSearchParams(query) };
  if (parts[0] === 'task' && parts[1]) return { view: 'task', id: decodeURIComponent(parts[1]) };
  if (parts[0] === 'errors') return { view: 'errors' };
  return { view: 'overview' };
};

/** The hash of the task table with these filters (empty values left out). */
export const tasksHash = (params: Record<string, string>): string => {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== ''));
  const text = query.toString();
  return text === '' ? '#/tasks' : `#/tasks?${text}`;
};
