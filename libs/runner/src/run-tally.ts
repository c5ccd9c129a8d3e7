import type { RunObserver, TaskEnvelope } from './runner-deps';

/** What this run appended, counted from the events themselves. */
export interface RunCounts {
  /** Attempts started (TaskExecutionStarted). */
  started: number;
  completed: number;
  /** Executions that failed for good (TaskExecutionFailed). */
  failed: number;
  skipped: number;
  /** Retries scheduled after a failure (not after an interruption). */
  retried: number;
  /** Expired leases of dead runners this run abandoned. */
  abandoned: number;
  /** Attempts stopped by Ctrl-C / SIGTERM. */
  interrupted: number;
}

export const emptyCounts = (): RunCounts => ({
  started: 0,
  completed: 0,
  failed: 0,
  skipped: 0,
  retried: 0,
  abandoned: 0,
  interrupted: 0,
});

const count = (counts: RunCounts, event: TaskEnvelope): void => {
  switch (event.type) {
    case 'TaskExecutionStarted':
      counts.started++;
      break;
    case 'TaskExecutionCompleted':
      counts.completed++;
      break;
    case 'TaskExecutionFailed':
      counts.failed++;
      break;
    case 'TaskSkipped':
      counts.skipped++;
      break;
    case 'TaskRetryScheduled':
      if (event.data.reason !== 'interrupted') counts.retried++;
      break;
    case 'TaskExecutionAbandoned':
      counts.abandoned++;
      break;
    case 'TaskAttemptFailed':
      if (event.data.error.type === 'interrupted') counts.interrupted++;
      break;
  }
};

/** Counts every event appended through it, then passes them on to `next`. */
export const tallyingObserver = (next: RunObserver | undefined) => {
  const counts = emptyCounts();
  const observer: RunObserver = {
    appended: (taskId, events) => {
      events.forEach((event) => count(counts, event));
      next?.appended?.(taskId, events);
    },
    warning: (message) => next?.warning?.(message),
  };
  return { counts, observer };
};
