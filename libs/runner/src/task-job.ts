import { isTaskledgerError } from '@taskledger/errors';
import { TaskState } from '@taskledger/execution';
import { recordAttemptEnd } from './attempt-record';
import { runAttempt, StartedAttempt, startedAttempt } from './attempt-run';
import type { ResolvedCommand } from './command-resolution';
import { abandonIfExpired } from './lease-expiry';
import type { RunnerDeps } from './runner-deps';
import { TaskStreamHandle } from './task-stream';

/** `run` continues what the ledger says is due; `execute` also re-runs a completed or failed task and does not wait for a retry. */
export type JobMode = 'run' | 'execute';

export interface TaskJob {
  taskId: string;
  command: ResolvedCommand;
  mode: JobMode;
  /** Aborted by Ctrl-C / SIGTERM (reason: the signal's name): the attempt is recorded as interrupted. */
  signal: AbortSignal;
}

/** How one task's execution went in this run. `attempts`: attempts this runner started. */
export type JobOutcome =
  | { kind: 'completed'; attempts: number }
  | { kind: 'failed'; attempts: number; message: string }
  | { kind: 'interrupted'; attempts: number }
  | { kind: 'lost'; attempts: number; message: string }
  | { kind: 'not-started'; attempts: number; message: string };

type Verdict =
  | { kind: 'start'; force: boolean }
  | { kind: 'wait'; ms: number }
  | { kind: 'abandon' }
  | { kind: 'stop'; message: string };

const runningElsewhere = (state: Extract<TaskState, { status: 'running' }>): string =>
  `already running (execution ${state.execution.executionId}, ${state.execution.runner.kind} runner on ${state.execution.runner.host})`;

/** What to do next with the task, given its state; `first`: this job has not started an attempt yet. */
const verdict = (state: TaskState, now: Date, mode: JobMode, first: boolean): Verdict => {
  const fresh = first && mode === 'execute';
  switch (state.status) {
    case 'retrying': {
      const ms = state.execution.notBefore.getTime() - now.getTime();
      return ms <= 0 || fresh ? { kind: 'start', force: fresh } : { kind: 'wait', ms };
    }
    case 'running':
      return now.getTime() >= state.execution.leaseExpiresAt.getTime()
        ? { kind: 'abandon' }
        : { kind: 'stop', message: runningElsewhere(state) };
    case 'attempt-failed':
      return { kind: 'stop', message: 'another runner is recording its last attempt' };
    case 'completed':
    case 'failed':
      return fresh ? { kind: 'start', force: false } : { kind: 'stop', message: `already ${state.status}` };
    default:
      return { kind: 'start', force: false };
  }
};

/** Starts the next attempt if the stream, read again on a conflict, still says so; null when it does not. */
const start = async (
  deps: RunnerDeps,
  stream: TaskStreamHandle,
  job: TaskJob,
  first: boolean,
): Promise<StartedAttempt | null> => {
  const { leaseMs } = deps.settings;
  const runner = {
    kind: 'shell' as const,
    command: job.command.display,
    host: deps.identity.host,
    pid: deps.identity.pid,
  };
  try {
    const events = await stream.apply((state, now) => {
      const next = verdict(state, now, job.mode, first);
      if (next.kind !== 'start') return null;
      return {
        type: 'StartExecution',
        taskId: job.taskId,
        now,
        newExecutionId: deps.newId(),
        leaseMs,
        timeoutMs: job.command.timeoutMs,
        runner,
        force: next.force,
      };
    });
    return startedAttempt(events);
  } catch (error) {
    if (isTaskledgerError(error, 'RetryNotDue')) return null;
    throw error;
  }
};

const attemptOnce = async (
  deps: RunnerDeps,
  stream: TaskStreamHandle,
  job: TaskJob,
  started: StartedAttempt,
  attempts: number,
): Promise<JobOutcome | null> => {
  const run = await runAttempt(deps, stream, job.command, started, job.signal);
  const end = await recordAttemptEnd(deps, stream, job.command, started, run, job.signal);
  switch (end.kind) {
    case 'retry':
      return null;
    case 'lost':
      return { kind: 'lost', attempts, message: 'its lease expired and another runner abandoned the attempt' };
    case 'failed':
      return { kind: 'failed', attempts, message: end.message };
    default:
      return { kind: end.kind, attempts };
  }
};

/**
 * Runs one task through its attempts: start (with the stream's revision: of two runners racing,
 * one starts and the other moves on), run, record, wait for the retry's notBefore, start again,
 * until it completes, fails for good, is interrupted, or is not this runner's to run.
 */
export const runTaskJob = async (deps: RunnerDeps, job: TaskJob): Promise<JobOutcome> => {
  const stream = new TaskStreamHandle(deps, job.taskId);
  let attempts = 0;
  for (;;) {
    if (job.signal.aborted) return { kind: 'interrupted', attempts };
    const next = verdict(await stream.refresh(), deps.clock(), job.mode, attempts === 0);
    if (next.kind === 'stop') return { kind: 'not-started', attempts, message: next.message };
    if (next.kind === 'wait') await deps.sleep(next.ms, job.signal);
    if (next.kind === 'abandon') await abandonIfExpired(deps, stream);
    if (next.kind !== 'start') continue;
    let started: StartedAttempt | null;
    try {
      started = await start(deps, stream, job, attempts === 0);
    } catch (error) {
      if (isTaskledgerError(error, 'TaskNotRunnable')) return { kind: 'not-started', attempts, message: error.message };
      throw error;
    }
    if (!started) continue;
    attempts++;
    const outcome = await attemptOnce(deps, stream, job, started, attempts);
    if (outcome) return outcome;
  }
};
