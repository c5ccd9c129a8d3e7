import type { BacklogTaskDoc } from '@taskledger/projections';
import type { Resolution } from './command-resolution';
import type { RunnerDeps } from './runner-deps';
import type { TaskCatalogue } from './task-catalogue';

export interface RunOptions {
  /** Only the tasks of this backlog. Default: every task in the ledger. */
  backlogId?: string;
  /** Start at most this many tasks. Default: no limit. */
  maxTasks?: number;
  /** Tasks run at once. Default `settings.concurrency`. */
  concurrency?: number;
  /** Asked before a human-required task runs (`--yes`, or a y/N prompt); false skips it. */
  confirm: (task: BacklogTaskDoc) => Promise<boolean>;
  /** The task's command, or manual. */
  resolve: (task: BacklogTaskDoc) => Resolution;
  /** Ctrl-C / SIGTERM: running attempts are recorded as interrupted and nothing new starts. */
  signal: AbortSignal;
}

export interface RunDeps extends RunnerDeps {
  catalogue: TaskCatalogue;
}
