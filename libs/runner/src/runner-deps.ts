import type { EventEnvelope, TaskEvent } from '@taskledger/events';
import type { EventStore } from '@taskledger/event-store';
import type { DecisionContext, JsonObject } from '@taskledger/execution';
import type { Executor } from './executor.port';
import type { RunSettings } from './runner-config';

/** Resolves after `ms`, or as soon as `signal` aborts (it never rejects). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Who this runner is: recorded in TaskExecutionStarted.runner and in event metadata. */
export interface RunnerIdentity {
  host: string;
  pid: number;
  /** One per CLI invocation. */
  correlationId: string;
  /** `cli:<user>@<host>`. */
  actor: string;
}

export type RecoveryReport = { outcome: 'succeeded' | 'failed'; details: JsonObject };

/** The runner's file and connection work around attempts, including the I/O of recovery actions. */
export interface RunnerIo {
  /** Creates the task's scratch directory when missing; returns its absolute path (TASKLEDGER_SCRATCH_DIR). */
  scratchDir(taskId: string): Promise<string>;
  /** file_system failures: empty the task's scratch directory. */
  clearScratchDir(taskId: string): Promise<RecoveryReport>;
  /** database failures: reopen the event store connection. */
  reopenStore(): Promise<RecoveryReport>;
}

export type TaskEnvelope = EventEnvelope<TaskEvent>;

/** What a runner reports while it works; the CLI renders it. Never throws into the runner. */
export interface RunObserver {
  /** Events this runner just appended to a task's stream. */
  appended?(taskId: string, events: readonly TaskEnvelope[]): void;
  /** Something went wrong that the run survives (a lease renewal that failed, ...). */
  warning?(message: string): void;
}

/** Everything a runner needs from outside; the CLI composes real ones, unit tests fakes. */
export interface RunnerDeps {
  eventStore: EventStore;
  executor: Executor;
  decision: DecisionContext;
  clock: () => Date;
  sleep: Sleep;
  newId: () => string;
  identity: RunnerIdentity;
  io: RunnerIo;
  settings: RunSettings;
  /** The environment tasks inherit (TASKLEDGER_TASK_ID & co. are added per attempt). */
  env: Record<string, string | undefined>;
  observer?: RunObserver;
}

/** `runner:<host>:<pid>`: who noticed an expired lease. */
export const runnerName = (identity: RunnerIdentity): string => `runner:${identity.host}:${identity.pid}`;

/** Tells the observer; a broken display must never stop the run. */
export const notifyAppended = (
  observer: RunObserver | undefined,
  taskId: string,
  events: readonly TaskEnvelope[],
): void => {
  try {
    observer?.appended?.(taskId, events);
  } catch {
    return;
  }
};

export const notifyWarning = (observer: RunObserver | undefined, message: string): void => {
  try {
    observer?.warning?.(message);
  } catch {
    return;
  }
};
