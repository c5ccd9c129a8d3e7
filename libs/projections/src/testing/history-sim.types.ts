import { ErrorClassification, LedgerEvent, TaskDefinition } from '@taskledger/events';
import { GeneratedFailure } from './history-errors';

/** One random step of a generated history; each number picks among the valid next moves. */
export interface HistoryStep {
  task: number;
  choice: number;
  pick: number;
  gapMs: number;
  durationMs: number;
  offsetTime: boolean;
}

export type Phase = 'new' | 'idle' | 'running' | 'attempt-failed' | 'retrying';

/** What the generator remembers of a task to append only events valid in its lifecycle. */
export interface TaskSim {
  taskId: string;
  index: number;
  phase: Phase;
  status: string;
  removed: boolean;
  definition: TaskDefinition | null;
  executionId: string;
  attempt: number;
  failures: number;
  recoveries: number;
  lastFailure: GeneratedFailure | null;
  /** The task's latest TaskAttemptFailed as a re-classification names it, with the classification now in force. */
  lastFailed: FailedSighting | null;
}

export interface FailedSighting {
  executionId: string;
  attempt: number;
  at: string;
  errorType: string;
  errorMessage: string;
  classification: ErrorClassification;
}

export interface SimClock {
  now: number;
  nextExecutionId: () => string;
}

export type Move = (sim: TaskSim, step: HistoryStep, clock: SimClock) => LedgerEvent[];

export const newTaskSim = (index: number): TaskSim => ({
  taskId: `B-${100 + index}`,
  index,
  phase: 'new',
  status: 'new',
  removed: false,
  definition: null,
  executionId: '',
  attempt: 0,
  failures: 0,
  recoveries: 0,
  lastFailure: null,
  lastFailed: null,
});
