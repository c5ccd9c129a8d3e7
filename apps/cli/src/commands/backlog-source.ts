import { parseBacklog, ParsedTask, ParseWarning } from '@taskledger/backlog';
import { backlogStream } from '@taskledger/events';
import { BacklogTaskDoc, ExecutionStatus, TaskExecutionDoc } from '@taskledger/projections';
import { Stores } from '@taskledger/stores';
import { readBacklogFile } from './backlog-file';

export interface BacklogView {
  tasks: ParsedTask[];
  warnings: ParseWarning[];
  /** Task ids the ledger has seen complete (they count as done besides what the backlog says). */
  completedInLedger: string[];
  /** Each task's execution status in the ledger (task_executions); empty for a file read without the store. */
  executionStatus: ReadonlyMap<string, ExecutionStatus>;
}

/** The backlog straight from a file, without touching the store. */
export const backlogFromFile = (file: string, cwd: string): BacklogView => {
  const { path, content } = readBacklogFile(file, cwd);
  return { ...parseBacklog(content, path), completedInLedger: [], executionStatus: new Map() };
};

const toParsedTask = ({
  backlogId: _b,
  removedFromBacklog: _r,
  registeredAt: _at,
  updatedAt: _u,
  ...task
}: BacklogTaskDoc): ParsedTask => ({
  ...task,
  rawId: task.id,
});

/** The backlog as the ledger knows it (read models must be current): tasks still in a backlog, latest parse warnings. */
export const backlogFromLedger = async (stores: Stores): Promise<BacklogView> => {
  const docs = await stores.readStore.find<BacklogTaskDoc>('backlog_tasks', { filter: { removedFromBacklog: false } });
  const executions = await stores.readStore.find<TaskExecutionDoc>('task_executions');
  const executionStatus = new Map(executions.items.map((doc) => [doc.id, doc.status]));
  const warnings: ParseWarning[] = [];
  for (const backlogId of [...new Set(docs.items.map((doc) => doc.backlogId))].sort()) {
    const [last] = await stores.eventStore.readStream(backlogStream(backlogId), {
      direction: 'backwards',
      maxCount: 1,
    });
    if (last?.type === 'BacklogParsed') warnings.push(...(last.data.warnings as ParseWarning[]));
  }
  const completedInLedger = executions.items.filter((doc) => doc.status === 'completed').map((doc) => doc.id);
  return { tasks: docs.items.map(toParsedTask), warnings, completedInLedger, executionStatus };
};
