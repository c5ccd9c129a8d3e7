import { ErrorCategory, RetryPolicy } from '@taskledger/events';
import { RetryPolicies } from './retry-policy';
import { ExecutionReplay, recordedReplay, replayExecution, ReplayOutcome } from './what-if';
import type { RecordedExecution } from './what-if.history';

/** Executions by how they end, and the retries and waiting they took. */
export interface WhatIfTally {
  executions: number;
  succeeded: number;
  failed: number;
  /** The policies would retry after the last recorded attempt: the log cannot tell how it would end. */
  unknown: number;
  /** No end recorded (still running, or reset). */
  unfinished: number;
  retries: number;
  /** Time spent waiting between attempts: the sum of retry delays, in ms. */
  waitMs: number;
}

/** An execution the policies end differently: earlier, or only with attempts the log does not hold. */
export interface WhatIfChange {
  taskId: string;
  executionId: string;
  change: 'stopped-earlier' | 'needs-more-attempts';
  recorded: { outcome: ReplayOutcome; attempts: number };
  replayed: { outcome: ReplayOutcome; attempts: number; retries: number; waitMs: number };
}

export interface WhatIfReport {
  /** The policies replayed (the built-in defaults with the file's overrides). */
  policies: RetryPolicy[];
  total: { recorded: WhatIfTally; replayed: WhatIfTally };
  /**
   * Per category of the failure retried (retries, waiting) or of the last failure of the execution
   * (its outcome); executions with no failure count in the total only.
   */
  byCategory: { category: ErrorCategory; recorded: WhatIfTally; replayed: WhatIfTally }[];
  /** In log order. */
  changes: WhatIfChange[];
  /** Tasks with an execution whose known outcome differs from the recorded one, sorted. */
  tasksWithChangedOutcome: string[];
}

const emptyTally = (): WhatIfTally => ({
  executions: 0,
  succeeded: 0,
  failed: 0,
  unknown: 0,
  unfinished: 0,
  retries: 0,
  waitMs: 0,
});

const outcomeField = {
  completed: 'succeeded',
  failed: 'failed',
  unknown: 'unknown',
  unfinished: 'unfinished',
} as const;

const countOutcome = (tally: WhatIfTally, replay: ExecutionReplay): void => {
  tally.executions += 1;
  tally[outcomeField[replay.outcome]] += 1;
};

const countRetries = (tallies: Map<ErrorCategory, WhatIfTally>, total: WhatIfTally, replay: ExecutionReplay) => {
  for (const { category, delayMs } of replay.retries) {
    for (const tally of [total, tallyOf(tallies, category)]) {
      tally.retries += 1;
      tally.waitMs += delayMs;
    }
  }
};

const tallyOf = (tallies: Map<ErrorCategory, WhatIfTally>, category: ErrorCategory): WhatIfTally => {
  let tally = tallies.get(category);
  if (!tally) tallies.set(category, (tally = emptyTally()));
  return tally;
};

const count = (tallies: Map<ErrorCategory, WhatIfTally>, total: WhatIfTally, replay: ExecutionReplay): void => {
  countOutcome(total, replay);
  if (replay.lastCategory !== null) countOutcome(tallyOf(tallies, replay.lastCategory), replay);
  countRetries(tallies, total, replay);
};

const changeOf = (execution: RecordedExecution, recorded: ExecutionReplay, replayed: ExecutionReplay) => {
  const change =
    replayed.outcome === 'unknown'
      ? ('needs-more-attempts' as const)
      : replayed.attempts < recorded.attempts
        ? ('stopped-earlier' as const)
        : null;
  if (change === null) return [];
  const waitMs = replayed.retries.reduce((sum, retry) => sum + retry.delayMs, 0);
  return [
    {
      taskId: execution.taskId,
      executionId: execution.executionId,
      change,
      recorded: { outcome: recorded.outcome, attempts: recorded.attempts },
      replayed: { outcome: replayed.outcome, attempts: replayed.attempts, retries: replayed.retries.length, waitMs },
    },
  ];
};

/** Replays every recorded execution under `policies` beside what was recorded. Pure and deterministic. */
export const whatIf = (executions: readonly RecordedExecution[], policies: RetryPolicies): WhatIfReport => {
  const categories = ErrorCategory.options;
  const recordedTallies = new Map<ErrorCategory, WhatIfTally>();
  const replayedTallies = new Map<ErrorCategory, WhatIfTally>();
  const total = { recorded: emptyTally(), replayed: emptyTally() };
  const changes: WhatIfChange[] = [];
  const changedTasks = new Set<string>();
  for (const execution of executions) {
    const recorded = recordedReplay(execution);
    const replayed = replayExecution(execution, policies);
    count(recordedTallies, total.recorded, recorded);
    count(replayedTallies, total.replayed, replayed);
    changes.push(...changeOf(execution, recorded, replayed));
    if (replayed.outcome !== 'unknown' && replayed.outcome !== recorded.outcome) changedTasks.add(execution.taskId);
  }
  return {
    policies: categories.map((category) => policies[category]),
    total,
    byCategory: categories
      .filter((category) => recordedTallies.has(category) || replayedTallies.has(category))
      .map((category) => ({
        category,
        recorded: recordedTallies.get(category) ?? emptyTally(),
        replayed: replayedTallies.get(category) ?? emptyTally(),
      })),
    changes,
    tasksWithChangedOutcome: [...changedTasks].sort(),
  };
};
