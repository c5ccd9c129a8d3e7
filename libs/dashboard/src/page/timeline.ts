/** One event of GET /tasks/:id/history, as the page needs it. */
export interface HistoryEvent {
  position: string;
  revision: number;
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
  metadata: { correlationId?: string | null; causationId?: string | null; actor?: string | null };
}

export type AttemptOutcome = 'running' | 'completed' | 'failed' | 'abandoned';

export interface ProgressMark {
  at: number;
  progress: number;
  message: string | null;
}

/** One attempt of an execution, in epoch milliseconds; `end` null while it runs. */
export interface Attempt {
  executionId: string;
  attempt: number;
  start: number;
  end: number | null;
  outcome: AttemptOutcome;
  /** The error category of a failed attempt. */
  category: string | null;
  message: string | null;
  /** When the retry of this attempt was scheduled to start (a failed attempt that is retried). */
  retryAt: number | null;
  progress: ProgressMark[];
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

const categoryOf = (data: Record<string, unknown>): string | null => {
  const classification = data['classification'];
  return typeof classification === 'object' && classification !== null
    ? text((classification as Record<string, unknown>)['category'])
    : null;
};

const messageOf = (data: Record<string, unknown>): string | null => {
  const error = data['error'];
  return typeof error === 'object' && error !== null ? text((error as Record<string, unknown>)['message']) : null;
};

/** Every attempt of every execution in the history, oldest first; events the page does not draw are ignored. */
export const buildAttempts = (events: readonly HistoryEvent[]): Attempt[] => {
  const attempts: Attempt[] = [];
  const find = (data: Record<string, unknown>, attempt = num(data['attempt'])) =>
    attempts.find((item) => item.executionId === text(data['executionId']) && item.attempt === attempt);
  for (const event of events) {
    const at = Date.parse(event.occurredAt);
    const { data } = event;
    if (event.type === 'TaskExecutionStarted') {
      attempts.push({
        executionId: text(data['executionId']) ?? '',
        attempt: num(data['attempt']),
        start: at,
        end: null,
        outcome: 'running',
        category: null,
        message: null,
        retryAt: null,
        progress: [],
      });
      continue;
    }
    const target = event.type === 'TaskRetryScheduled' ? find(data, num(data['failedAttempt'])) : find(data);
    if (target === undefined) continue;
    if (event.type === 'TaskProgressReported') {
      target.progress.push({ at, progress: num(data['progress']), message: text(data['message']) });
    } else if (event.type === 'TaskAttemptFailed') {
      Object.assign(target, { end: at, outcome: 'failed', category: categoryOf(data), message: messageOf(data) });
    } else if (event.type === 'TaskRetryScheduled') {
      target.retryAt = Date.parse(text(data['notBefore']) ?? event.occurredAt);
    } else if (event.type === 'TaskExecutionCompleted') {
      Object.assign(target, { end: at, outcome: 'completed' });
    } else if (event.type === 'TaskExecutionFailed' && target.outcome === 'running') {
      Object.assign(target, {
        end: at,
        outcome: 'failed',
        category: text(data['category']),
        message: text(data['message']),
      });
    } else if (event.type === 'TaskExecutionAbandoned') {
      Object.assign(target, { end: at, outcome: 'abandoned' });
    }
  }
  return attempts;
};

/** A bar or a retry gap placed on the time axis, in percent of the axis width. */
export interface Placed {
  left: number;
  width: number;
}

export interface TimelineLayout {
  from: number;
  to: number;
  bars: Array<{ attempt: Attempt; bar: Placed; retry: Placed | null; marks: Array<ProgressMark & { left: number }> }>;
}

/** Smallest width a bar gets, so a 5 ms attempt is still visible and clickable. */
export const MIN_BAR_PERCENT = 0.8;

/**
 * Places the attempts on one time scale from the first start to the last end (a running attempt
 * ends at `now`): left and width in percent (two decimals), retry gaps from a failure to its scheduled retry.
 */
export const layoutTimeline = (attempts: readonly Attempt[], now: number): TimelineLayout => {
  if (attempts.length === 0) return { from: now, to: now, bars: [] };
  const from = Math.min(...attempts.map((item) => item.start));
  const ends = attempts.flatMap((item) => [item.end ?? now, item.retryAt ?? from]);
  const to = Math.max(from + 1, ...ends);
  const scale = (time: number) => Math.round(((time - from) / (to - from)) * 10_000) / 100;
  const place = (start: number, end: number): Placed => {
    const left = scale(start);
    const width = Math.round((scale(end) - left) * 100) / 100;
    return { left, width: Math.min(100 - left, Math.max(MIN_BAR_PERCENT, width)) };
  };
  return {
    from,
    to,
    bars: attempts.map((attempt) => {
      const end = attempt.end ?? now;
      return {
        attempt,
        bar: place(attempt.start, end),
        retry: attempt.retryAt === null ? null : place(end, Math.max(end, attempt.retryAt)),
        marks: attempt.progress.map((mark) => ({ ...mark, left: scale(mark.at) })),
      };
    }),
  };
};
