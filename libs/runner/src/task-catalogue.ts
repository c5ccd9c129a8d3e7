import { isTaskledgerError } from '@taskledger/errors';
import { ReadStore } from '@taskledger/read-store';
import type { BacklogTaskDoc, TaskExecutionDoc } from '@taskledger/projections';

const BACKLOG_TASKS = 'backlog_tasks';
const TASK_EXECUTIONS = 'task_executions';

/** The tasks a runner may run and their execution status, from the read models. */
export interface TaskCatalogue {
  /** Brings the read models up to date (embedded mode catches them up; with a projector it may do nothing). */
  refresh(): Promise<void>;
  /** Registered tasks still in a backlog (of one backlog when given), with their current definition. */
  tasks(backlogId?: string): Promise<BacklogTaskDoc[]>;
  task(taskId: string): Promise<BacklogTaskDoc | null>;
  executions(taskIds: readonly string[]): Promise<Map<string, TaskExecutionDoc>>;
  /** Tasks the read model shows running: their leases are checked on their streams. */
  runningTaskIds(): Promise<string[]>;
}

/** A collection no projection has written yet reads as empty. */
const orEmpty = async <T>(read: () => Promise<T>, empty: T): Promise<T> => {
  try {
    return await read();
  } catch (error) {
    if (isTaskledgerError(error, 'CollectionNotFound')) return empty;
    throw error;
  }
};

/** The catalogue over the `backlog_tasks` and `task_executions` read models. */
export const readModelCatalogue = (readStore: ReadStore, refresh: () => Promise<void>): TaskCatalogue => ({
  refresh,
  tasks: (backlogId) =>
    orEmpty(
      async () =>
        (await readStore.find<BacklogTaskDoc>(BACKLOG_TASKS, { filter: { removedFromBacklog: false, backlogId } }))
          .items,
      [],
    ),
  task: (taskId) => orEmpty(() => readStore.get<BacklogTaskDoc>(BACKLOG_TASKS, taskId), null),
  executions: (taskIds) =>
    orEmpty(async () => {
      const docs = await readStore.getMany<TaskExecutionDoc>(TASK_EXECUTIONS, taskIds);
      return new Map(docs.flatMap((doc) => (doc ? [[doc.id, doc] as const] : [])));
    }, new Map<string, TaskExecutionDoc>()),
  runningTaskIds: () =>
    orEmpty(
      async () =>
        (await readStore.find<TaskExecutionDoc>(TASK_EXECUTIONS, { filter: { status: 'running' } })).items.map(
          (doc) => doc.id,
        ),
      [],
    ),
});
