import {
  executionHistoryProjection,
  performanceMetricsProjection,
  taskExecutionsProjection,
  GLOBAL_DOC_ID,
} from '@taskledger/projections';
import { EventStore, parsePosition, positionToString } from '@taskledger/event-store';
import type { ExecutionStatus } from '@taskledger/projections';
import { ReadStore } from '@taskledger/read-store';
import { ledgerPosition } from './ledger-position';
import { readModel, TaskExecutionDoc } from './read-models.access';

export const EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'pending',
  'running',
  'retrying',
  'completed',
  'failed',
  'skipped',
];

export interface RecentExecution {
  taskId: string;
  status: 'completed' | 'failed';
  /** When the execution ended (UTC ISO). */
  at: string;
  executionId: string | null;
  attempt: number | null;
}

/**
 * A task the backlog declares done that has no execution in the ledger (never started, or reset)
 * counts as completed, as the run summary shows it done; once the ledger has an execution of the
 * task, the ledger's status wins.
 */
export const isDeclaredDone = (task: Pick<TaskExecutionDoc, 'status' | 'backlogStatus'>): boolean =>
  task.status === 'pending' && task.backlogStatus === 'done';

/** The status a task is counted under: its execution status, or completed when it is declared done. */
export const countedStatus = (task: Pick<TaskExecutionDoc, 'status' | 'backlogStatus'>): ExecutionStatus =>
  isDeclaredDone(task) ? 'completed' : task.status;

export interface LedgerStatus {
  totalTasks: number;
  /** Tasks counted as pending: not declared done in the backlog. */
  pendingTasks: number;
  /** Tasks per status as `countedStatus` gives it, every status listed. */
  byStatus: Record<ExecutionStatus, number>;
  /** Of the completed: tasks the backlog declares done that the ledger never ran. */
  declaredDone: number;
  /** The latest ended executions, newest first. */
  recent: RecentExecution[];
  /** Ended executions over all tasks and their success rate (null before the first). */
  executions: number;
  successRate: number | null;
  ledgerPosition: string | null;
  headPosition: string | null;
  /** Events the least advanced read model has not applied yet. */
  lag: number;
}

export interface StatusOptions {
  /** How many recent executions to list. Default 10. */
  recent?: number;
}

const byNewest = (a: RecentExecution, b: RecentExecution): number =>
  a.at < b.at ? 1 : a.at > b.at ? -1 : a.taskId < b.taskId ? -1 : 1;

/** One indexed query per outcome ([status, timestamp] index), merged: never a scan of the history. */
export const recentExecutions = async (readStore: ReadStore, limit: number): Promise<RecentExecution[]> => {
  const pages = await Promise.all(
    (['completed', 'failed'] as const).map((status) =>
      readModel(readStore, executionHistoryProjection).find({
        filter: { status },
        sort: [{ field: 'timestamp', direction: 'desc' }],
        limit,
      }),
    ),
  );
  return pages
    .flatMap((page) => page.items)
    .map((doc) => ({
      taskId: doc.taskId,
      status: doc.status as RecentExecution['status'],
      at: doc.timestamp,
      executionId: doc.executionId,
      attempt: doc.attempt,
    }))
    .sort(byNewest)
    .slice(0, limit);
};

/** Tasks still in a backlog: a removed task keeps its history but no longer counts as work. */
const IN_BACKLOG = { removedFromBacklog: false } as const;

const DECLARED_DONE = { ...IN_BACKLOG, status: 'pending', backlogStatus: 'done' } as const;

const statusCounts = async (
  readStore: ReadStore,
): Promise<{ byStatus: Record<ExecutionStatus, number>; declaredDone: number }> => {
  const executions = readModel(readStore, taskExecutionsProjection);
  const [declaredDone, counts] = await Promise.all([
    executions.count(DECLARED_DONE),
    Promise.all(
      EXECUTION_STATUSES.map(async (status) => [status, await executions.count({ ...IN_BACKLOG, status })] as const),
    ),
  ]);
  const byStatus = Object.fromEntries(counts) as Record<ExecutionStatus, number>;
  byStatus.pending -= declaredDone;
  byStatus.completed += declaredDone;
  return { byStatus, declaredDone };
};

type ReadModelStatus = Omit<LedgerStatus, 'headPosition' | 'lag'>;

/** Everything the read models say; costs a few counts (each parses the matching documents in SQLite). */
const readModelStatus = async (readStore: ReadStore, options: StatusOptions): Promise<ReadModelStatus> => {
  const position = await ledgerPosition(readStore);
  const [totalTasks, { byStatus, declaredDone }, recent, global] = await Promise.all([
    readModel(readStore, taskExecutionsProjection).count(IN_BACKLOG),
    statusCounts(readStore),
    recentExecutions(readStore, options.recent ?? 10),
    readModel(readStore, performanceMetricsProjection).get(GLOBAL_DOC_ID),
  ]);
  return {
    totalTasks,
    pendingTasks: byStatus.pending,
    byStatus,
    declaredDone,
    recent,
    executions: global?.executions ?? 0,
    successRate: global?.successRate ?? null,
    ledgerPosition: position,
  };
};

/** The log head and how far behind it the read models are (cheap: two indexed reads). */
const withFreshness = async (eventStore: EventStore, status: ReadModelStatus): Promise<LedgerStatus> => {
  const [head, lag] = await Promise.all([
    eventStore.headPosition(),
    eventStore.countEventsAfter(status.ledgerPosition === null ? 'start' : parsePosition(status.ledgerPosition)),
  ]);
  return { ...status, headPosition: head === null ? null : positionToString(head), lag };
};

/** `status`: counts by execution status, success rate and projection lag: counts and small indexed reads, never every task. */
export const ledgerStatus = async (
  stores: { readStore: ReadStore; eventStore: EventStore },
  options: StatusOptions = {},
): Promise<LedgerStatus> => withFreshness(stores.eventStore, await readModelStatus(stores.readStore, options));

const checkpointKey = async (readStore: ReadStore): Promise<string> =>
  (await readStore.listCheckpoints())
    .map((checkpoint) => `${checkpoint.name}@${checkpoint.position}v${checkpoint.version}`)
    .join(' ');

/**
 * `ledgerStatus` for a long-running server: the read-model part is recomputed only when a
 * checkpoint moved (documents and checkpoints commit together, so an unchanged set of checkpoints
 * means unchanged documents); head and lag are read on every call. Concurrent calls share work.
 */
export const cachedLedgerStatus = (
  stores: { readStore: ReadStore; eventStore: EventStore },
  options: StatusOptions = {},
): (() => Promise<LedgerStatus>) => {
  let memo: { key: string; status: Promise<ReadModelStatus> } | null = null;
  return async () => {
    const key = await checkpointKey(stores.readStore);
    if (memo === null || memo.key !== key) {
      const entry = { key, status: readModelStatus(stores.readStore, options) };
      entry.status.catch(() => memo === entry && (memo = null));
      memo = entry;
    }
    return withFreshness(stores.eventStore, await memo.status);
  };
};
