import type { ExecutionStatus } from '@taskledger/projections';
import { percent, shortTime } from './format';
import { EXECUTION_STATUSES, LedgerStatus } from './status.query';

const declaredNote = (status: LedgerStatus, name: ExecutionStatus): string =>
  name === 'completed' && status.declaredDone > 0 ? ` (${status.declaredDone} declared done in the backlog)` : '';

/** The `status` report: counts by execution status, then success rate and freshness. */
export const renderStatusText = (status: LedgerStatus): string => {
  const lines = [
    'Execution Status:',
    `Total tasks: ${status.totalTasks}`,
    `Pending tasks: ${status.pendingTasks}`,
    '',
    'Status breakdown:',
    ...EXECUTION_STATUSES.map((name) => `  ${name}: ${status.byStatus[name]}${declaredNote(status, name)}`),
    '',
    'Recent executions:',
    ...(status.recent.length === 0
      ? ['  (none yet)']
      : status.recent.map((run) => `  ${run.taskId}: ${run.status} (${shortTime(run.at)})`)),
    '',
    `Success rate: ${percent(status.successRate)} of ${status.executions} ended executions`,
    `Projection lag: ${status.lag} events (read models at position ${status.ledgerPosition ?? 'none'}, log head ${status.headPosition ?? 'none'})`,
  ];
  return `${lines.join('\n')}\n`;
};
