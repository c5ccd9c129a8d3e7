import type { ParsedTask } from './backlog.types';

export interface DoneOptions {
  /**
   * Ids completed outside the backlog (e.g. recorded in the ledger). They count as done in addition
   * to the tasks the backlog itself marks done. Default: none.
   */
  done?: Iterable<string>;
}

/** Tasks the backlog marks done plus the ids the caller says are done. */
export const doneIds = (tasks: readonly ParsedTask[], options: DoneOptions = {}): Set<string> => {
  const done = new Set<string>(options.done ?? []);
  for (const task of tasks) if (task.backlogStatus === 'done') done.add(task.id);
  return done;
};
