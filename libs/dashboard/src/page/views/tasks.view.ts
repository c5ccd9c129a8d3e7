import { fill, h, taskLink } from '../dom';
import { formatDuration, priorityIcon, statusSymbol } from '../format';
import { parseRoute, tasksHash } from '../router';
import { Task, TaskPage } from '../types';
import { ViewFactory } from './view';

const STATUSES = ['pending', 'running', 'retrying', 'completed', 'failed', 'skipped'];
const PRIORITIES = ['critical', 'high', 'medium', 'low', 'unknown'];
const CATEGORIES = [
  'network',
  'timeout',
  'permission',
  'execution',
  'file_system',
  'database',
  'validation',
  'unknown',
];
/** Rows per page unless the hash says `size=`. */
const PAGE_SIZE = 25;
/** Sortable columns: header text and the API's sort field. */
const COLUMNS: Array<[string, string | null]> = [
  ['ID', 'id'],
  ['Title', null],
  ['Priority', 'priority'],
  ['Backlog', 'backlogStatus'],
  ['Execution', 'status'],
  ['Attempts', null],
  ['Last duration', 'executionTimeMs'],
  ['Last error', null],
  ['Depends on', null],
];

const select = (name: string, label: string, options: string[], value: string) =>
  h(
    'label',
    {},
    `${label} `,
    h(
      'select',
      { name, id: `filter-${name}` },
      h('option', { value: '' }, 'any'),
      ...options.map((option) => h('option', { value: option, selected: option === value }, option)),
    ),
  );

const row = (task: Task) =>
  h(
    'tr',
    { 'data-task': task.id },
    h('th', { scope: 'row' }, taskLink(task.id)),
    h('td', {}, task.title),
    h('td', {}, h('span', { 'aria-hidden': 'true' }, priorityIcon(task.priority)), ` ${task.priority}`),
    h('td', {}, task.backlogStatus),
    h('td', { class: `status status-${task.status}` }, `${statusSymbol(task.status)} ${task.status}`),
    h('td', { class: 'number' }, task.currentExecution?.attempt ?? 0),
    h('td', { class: 'number' }, formatDuration(task.executionTimeMs)),
    h('td', {}, task.lastError?.category ?? '—'),
    h('td', {}, ...task.dependencies.flatMap((id, index) => [index > 0 ? ', ' : null, taskLink(id)])),
  );

const matches = (task: Task, category: string, text: string) =>
  (category === '' || task.lastError?.category === category) &&
  (text === '' || `${task.id} ${task.title}`.toLowerCase().includes(text.toLowerCase()));

/**
 * The task table. Status, priority and sort go to the API, which pages with cursors; the error
 * category and the free text have no API filter, so with either set every page is read and filtered here.
 */
export const tasksView: ViewFactory = (root, api) => {
  const route = parseRoute(location.hash);
  const params = route.view === 'tasks' ? route.params : new URLSearchParams();
  const value = (name: string) => params.get(name) ?? '';
  const sort = value('sort') || 'id';
  const size = Math.min(500, Math.max(1, Number(value('size')) || PAGE_SIZE));
  const cursors: Array<string | null> = [null];
  let page = 0;
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter tasks' },
    select('status', 'Execution status', STATUSES, value('status')),
    select('priority', 'Priority', PRIORITIES, value('priority')),
    select('category', 'Last error category', CATEGORIES, value('category')),
    h('label', {}, 'Search id or title ', h('input', { type: 'search', name: 'q', id: 'filter-q', value: value('q') })),
  );
  const apply = () => {
    const data = new FormData(form);
    const next = Object.fromEntries(
      ['status', 'priority', 'category', 'q'].map((name) => [name, String(data.get(name) ?? '')]),
    );
    location.hash = tasksHash({ ...next, sort: sort === 'id' ? '' : sort, size: value('size') });
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  const headers = COLUMNS.map(([label, field]) => {
    if (field === null) return h('th', { scope: 'col' }, label);
    const direction = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
    const next = sort === field ? `-${field}` : field;
    const arrow = direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : '';
    const button = h(
      'button',
      { type: 'button', class: 'sort', id: `sort-${field}`, 'data-sort': field },
      `${label}${arrow}`,
    );
    button.addEventListener('click', () => {
      location.hash = tasksHash({ ...Object.fromEntries(params), sort: next === 'id' ? '' : next });
    });
    return h('th', { scope: 'col', 'aria-sort': direction }, button);
  });
  const body = h('tbody', {});
  const summary = h('p', { role: 'status', class: 'summary' });
  const previous = h('button', { type: 'button', disabled: true }, '← Previous page');
  const next = h('button', { type: 'button', disabled: true }, 'Next page →');
  const tableElement = h(
    'table',
    { class: 'tasks' },
    h('caption', {}, 'Tasks'),
    h('thead', {}, h('tr', {}, ...headers)),
    body,
  );
  fill(
    root,
    h('h1', {}, 'Tasks'),
    form,
    summary,
    h('div', { class: 'scroll' }, tableElement),
    h('nav', { class: 'pager', 'aria-label': 'Pages' }, previous, next),
  );

  const query = { status: value('status'), priority: value('priority'), sort };
  const local = value('category') !== '' || value('q') !== '';
  const readAll = async () => {
    const tasks: Task[] = [];
    let cursor: string | null = null;
    do {
      const result: TaskPage = await api.get<TaskPage>('/tasks', { ...query, limit: 500, cursor });
      tasks.push(...result.items);
      cursor = result.nextCursor;
    } while (cursor !== null);
    return tasks.filter((task) => matches(task, value('category'), value('q')));
  };
  const refresh = async () => {
    if (local) {
      const tasks = await readAll();
      fill(body, ...tasks.map(row));
      fill(summary, `${tasks.length} matching tasks`);
      return;
    }
    const result = await api.get<TaskPage>('/tasks', { ...query, limit: size, cursor: cursors[page] });
    cursors[page + 1] = result.nextCursor;
    fill(body, ...result.items.map(row));
    fill(summary, `Page ${page + 1}: ${result.items.length} tasks`);
    previous.disabled = page === 0;
    next.disabled = result.nextCursor === null;
  };
  previous.addEventListener('click', () => {
    page = Math.max(0, page - 1);
    void refresh();
  });
  next.addEventListener('click', () => {
    page += 1;
    void refresh();
  });
  return { refresh };
};
