import './styles.css';
import { ApiError, createApi } from './api';
import { asOfControl } from './as-of-control';
import { fill } from './dom';
import { projectionHealth } from './health';
import { followPositions } from './live';
import { parseRoute, Route } from './router';
import { ProjectionStatus } from './types';
import { errorsView } from './views/errors.view';
import { overviewView } from './views/overview.view';
import { taskView } from './views/task.view';
import { tasksView } from './views/tasks.view';
import { View, ViewFactory } from './views/view';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const askToken = (rejected: boolean): Promise<string> => {
  const dialog = element<HTMLDialogElement>('token-dialog');
  const input = element<HTMLInputElement>('token-input');
  fill(
    element('token-reason'),
    rejected
      ? 'The server refused that token. Enter the bearer token (TASKLEDGER_API_TOKEN).'
      : 'This server needs the bearer token (TASKLEDGER_API_TOKEN) for its data.',
  );
  input.value = '';
  dialog.showModal();
  return new Promise((resolve) => {
    const form = element<HTMLFormElement>('token-form');
    const submit = () => {
      form.removeEventListener('submit', submit);
      resolve(input.value);
    };
    form.addEventListener('submit', submit);
  });
};

const api = createApi({
  fetch: (...args) => fetch(...args),
  storage: sessionStorage,
  pageUrl: () => location.href,
  askToken,
  onAsOf: (shown) => asOf.shown(shown),
});

const VIEWS: Record<Route['view'], ViewFactory> = {
  overview: overviewView,
  tasks: tasksView,
  task: taskView,
  errors: errorsView,
};

let current: View | null = null;
let refreshing: Promise<void> | null = null;
let again = false;

/** A refused moment is said in the as-of banner; any other failure below the view. */
const showError = (error: unknown) => {
  const box = element('load-error');
  const refusedMoment = error instanceof ApiError && error.status === 400 && error.field === 'asOf';
  if (refusedMoment) asOf.refused();
  box.hidden = error === null || refusedMoment;
  fill(box, box.hidden ? '' : `Could not load the data: ${(error as Error).message}`);
};

/** Re-reads the current view; calls while one runs are folded into a single next one. */
const refresh = async (): Promise<void> => {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      again = false;
      await Promise.all([current?.refresh(), refreshHealth()]).then(() => showError(null), showError);
    } while (again);
  })().finally(() => (refreshing = null));
  return refreshing;
};

const refreshHealth = async () => {
  const { projections } = await api.get<{ projections: ProjectionStatus[] }>('/projections');
  const { bad, text } = projectionHealth(projections);
  const health = element('projection-health');
  health.className = bad ? 'bad' : 'good';
  fill(health, text);
};

const mount = () => {
  const route = parseRoute(location.hash);
  const focused = document.activeElement?.id ?? '';
  for (const link of document.querySelectorAll('[data-nav]')) {
    const active =
      link.getAttribute('data-nav') === route.view ||
      (route.view === 'task' && link.getAttribute('data-nav') === 'tasks');
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const root = element('view');
  current?.dispose?.();
  current = VIEWS[route.view](root, api);
  document.title = `${route.view === 'task' ? route.id : route.view} · taskledger`;
  void refresh().then(() => {
    const again = focused === '' ? null : document.getElementById(focused);
    if (again && root.contains(again)) again.focus();
  });
};

// The hash is the route: the skip link moves focus to the content instead of navigating.
document.querySelector('.skip')?.addEventListener('click', (event) => {
  event.preventDefault();
  element('view').focus();
});
window.addEventListener('hashchange', mount);

let timer: ReturnType<typeof setTimeout> | null = null;
let live: { stop(): void } | null = null;
const followLive = () =>
  followPositions({
    api,
    fetch: (...args) => fetch(...args),
    onState: (state) => fill(element('live-state'), state === 'live' ? '● live' : `○ ${state}…`),
    onPosition: (position) => {
      element('live-state').setAttribute('data-position', position);
      fill(element('live-state'), `● live · position ${position}`);
      timer ??= setTimeout(() => {
        timer = null;
        void refresh();
      }, 150);
    },
  });

/** Live while no moment is set; at a moment the stream (which takes no asOf) is left alone, so nothing moves. */
const follow = (moment: string | null) => {
  if (moment === null) {
    live ??= followLive();
    return;
  }
  live?.stop();
  live = null;
  if (timer !== null) clearTimeout(timer);
  timer = null;
  element('live-state').removeAttribute('data-position');
  fill(element('live-state'), '⏸ live updates paused');
};

let shownMoment: string | null = null;
const asOf = asOfControl((moment) => {
  shownMoment = moment;
  follow(moment);
  mount();
});
shownMoment = asOf.moment();
window.addEventListener('popstate', () => {
  if (asOf.moment() === shownMoment) return;
  shownMoment = asOf.moment();
  asOf.sync();
  follow(shownMoment);
  mount();
});
follow(shownMoment);
mount();
