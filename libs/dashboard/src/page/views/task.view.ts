import { ApiError } from '../api';
import { facts, fill, h, taskLink } from '../dom';
import { attemptLabel, formatDuration, formatTime, plural, priorityIcon, statusSymbol } from '../format';
import { parseRoute } from '../router';
import { Attempt, buildAttempts, HistoryEvent, layoutTimeline, TimelineLayout } from '../timeline';
import { Task } from '../types';
import { ViewFactory } from './view';

const definition = (task: Task) =>
  facts([
    ['Title', task.title],
    ['Priority', `${priorityIcon(task.priority)} ${task.priority}`],
    ['Points', task.points ?? '—'],
    ['Backlog status', task.backlogStatus],
    ['Execution status', `${statusSymbol(task.status)} ${task.status}`],
    ['Executions', task.executions],
    ['Retries', task.totalRetries],
    ['Last duration', formatDuration(task.executionTimeMs)],
    [
      'Depends on',
      task.dependencies.length === 0
        ? 'nothing'
        : h('span', {}, ...task.dependencies.flatMap((id, i) => [i > 0 ? ', ' : null, taskLink(id)])),
    ],
    ['Human required', task.humanRequired ? `yes${task.humanReason ? `: ${task.humanReason}` : ''}` : 'no'],
    ['Problem / outcome', task.description ?? '—'],
    ['Tech footprint', task.techFootprint ?? '—'],
  ]);

const timeline = (layout: TimelineLayout) => {
  if (layout.bars.length === 0) return h('p', {}, 'No execution yet.');
  return h(
    'ol',
    {
      class: 'timeline',
      'aria-label': `Attempts from ${formatTime(new Date(layout.from).toISOString())}, ${formatDuration(layout.to - layout.from)} in all`,
    },
    ...layout.bars.map(({ attempt, bar, retry, marks }) => {
      const label = attemptLabel(attempt);
      return h(
        'li',
        { class: 'attempt', 'data-outcome': attempt.outcome, 'data-category': attempt.category ?? '' },
        h('span', { class: 'attempt-label' }, `${statusSymbol(attempt.outcome)} ${label}`),
        h(
          'span',
          { class: 'track', 'aria-hidden': 'true' },
          h('span', {
            class: `bar bar-${attempt.outcome}`,
            style: `left:${bar.left}%;width:${bar.width}%`,
            title: label,
          }),
          retry &&
            h('span', {
              class: 'retry-gap',
              style: `left:${retry.left}%;width:${retry.width}%`,
              title: 'waiting to retry',
            }),
          ...marks.map((mark) =>
            h('span', {
              class: 'mark',
              style: `left:${mark.left}%`,
              title: `${Math.round(mark.progress * 100)}% ${mark.message ?? ''}`,
            }),
          ),
        ),
        attempt.progress.length > 0
          ? h(
              'span',
              { class: 'attempt-progress' },
              `progress: ${attempt.progress.map((m) => `${Math.round(m.progress * 100)}%`).join(' → ')}`,
            )
          : null,
      );
    }),
  );
};

const historyItem = (event: HistoryEvent, open: boolean) =>
  h(
    'li',
    {},
    h(
      'details',
      { 'data-position': event.position, open },
      h(
        'summary',
        {},
        h('span', { class: 'event-type' }, event.type),
        ` · position ${event.position} · ${formatTime(event.occurredAt)} · ${event.metadata.actor ?? 'unknown actor'} · correlation ${event.metadata.correlationId ?? '—'}`,
      ),
      h('pre', {}, JSON.stringify(event, null, 2)),
    ),
  );

const readHistory = async (api: Parameters<ViewFactory>[1], id: string): Promise<HistoryEvent[]> => {
  const events: HistoryEvent[] = [];
  let from: number | null = 0;
  while (from !== null) {
    const page: { events: HistoryEvent[]; nextFrom: number | null } = await api.get(
      `/tasks/${encodeURIComponent(id)}/history`,
      { from, limit: 500 },
    );
    events.push(...page.events);
    from = page.nextFrom;
  }
  return events;
};

/** One task: its definition, its attempts on a time scale, and every event of its stream. */
export const taskView: ViewFactory = (root, api) => {
  const route = parseRoute(location.hash);
  const id = route.view === 'task' ? route.id : '';
  const command = `taskledger history ${id}`;
  const copied = h('span', { role: 'status', class: 'copied' });
  const copy = h('button', { type: 'button', class: 'copy' }, `Copy “${command}”`);
  copy.addEventListener('click', () => {
    void navigator.clipboard
      ?.writeText(command)
      .then(() => fill(copied, 'Copied.'))
      .catch(() => fill(copied, `Copy it by hand: ${command}`));
  });
  const definitionSection = h('section', { 'aria-labelledby': 'definition-title' });
  const timelineSection = h('section', { 'aria-labelledby': 'timeline-title' });
  const historyList = h('ol', { class: 'history' });
  const historyTitle = h('h2', { id: 'history-title' }, 'Event history');
  fill(
    root,
    h('h1', {}, `Task ${id}`),
    h('p', {}, copy, ' ', copied),
    h('h2', { id: 'definition-title' }, 'Definition'),
    definitionSection,
    h('h2', { id: 'timeline-title' }, 'Timeline'),
    timelineSection,
    historyTitle,
    historyList,
  );
  let drawn: Attempt[] = [];
  // As of a moment, a then-running attempt's bar ends at that moment's time and stays still.
  let asOfTime: number | null = null;
  const draw = () => fill(timelineSection, timeline(layoutTimeline(drawn, asOfTime ?? Date.now())));
  // A running attempt's bar grows with the clock between two events.
  const ticker = setInterval(() => {
    if (asOfTime === null && drawn.some((attempt) => attempt.outcome === 'running')) draw();
  }, 1000);
  return {
    dispose: () => clearInterval(ticker),
    refresh: async () => {
      try {
        const [task, events] = await Promise.all([
          api.get<Task>(`/tasks/${encodeURIComponent(id)}`),
          readHistory(api, id),
        ]);
        const open = new Set(
          [...historyList.querySelectorAll('details[open]')].map((item) => item.getAttribute('data-position')),
        );
        fill(definitionSection, definition(task));
        asOfTime = task.asOf?.time ? Date.parse(task.asOf.time) : null;
        drawn = buildAttempts(events);
        draw();
        fill(historyTitle, `Event history (${plural(events.length, 'event')})`);
        fill(historyList, ...events.map((event) => historyItem(event, open.has(event.position))));
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
        fill(definitionSection, h('p', { role: 'alert' }, `No task ${id} in the ledger.`));
      }
    },
  };
};
