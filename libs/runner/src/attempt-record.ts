import { isTaskledgerError } from '@taskledger/errors';
import { recoveryPlan } from '@taskledger/execution';
import { attemptFacts } from './attempt-facts';
import type { AttemptRun, StartedAttempt } from './attempt-run';
import type { ResolvedCommand } from './command-resolution';
import { succeeded } from './executor.port';
import { performRecoveries } from './recovery-io';
import type { RunnerDeps } from './runner-deps';
import type { TaskStreamHandle } from './task-stream';

/** How an attempt ended, as recorded. `retry`: a TaskRetryScheduled was appended (or someone else recorded the end). */
export type AttemptEnd =
  | { kind: 'completed' }
  | { kind: 'failed'; message: string }
  | { kind: 'retry' }
  | { kind: 'interrupted' }
  | { kind: 'lost' };

const isLost = (error: unknown): boolean =>
  isTaskledgerError(error, 'ExecutionNotFound') || isTaskledgerError(error, 'AttemptMismatch');

const signalName = (signal: AbortSignal): string | null => (typeof signal.reason === 'string' ? signal.reason : null);

const recordFailure = async (
  deps: RunnerDeps,
  stream: TaskStreamHandle,
  command: ResolvedCommand,
  started: StartedAttempt,
  run: AttemptRun,
) => {
  const facts = attemptFacts(run.result, command.display, started.timeoutMs);
  const recovery = await performRecoveries(deps.io, stream.taskId, recoveryPlan(facts, deps.decision));
  const { executionId, attempt } = started;
  const durationMs = run.result.durationMs;
  const events = await stream.apply((_, now) => ({
    type: 'FailAttempt',
    taskId: stream.taskId,
    executionId,
    attempt,
    now,
    facts,
    durationMs,
    recovery,
  }));
  const failed = events.find((event) => event.type === 'TaskExecutionFailed');
  return failed?.type === 'TaskExecutionFailed'
    ? ({ kind: 'failed', message: failed.data.message } as const)
    : ({ kind: 'retry' } as const);
};

/**
 * Records how an attempt ended: CompleteExecution, Interrupt (Ctrl-C / SIGTERM of the run), or
 * FailAttempt after the recoveries it calls for. An attempt another runner abandoned is `lost`.
 */
export const recordAttemptEnd = async (
  deps: RunnerDeps,
  stream: TaskStreamHandle,
  command: ResolvedCommand,
  started: StartedAttempt,
  run: AttemptRun,
  signal: AbortSignal,
): Promise<AttemptEnd> => {
  if (run.lost) return { kind: 'lost' };
  const target = {
    taskId: stream.taskId,
    executionId: started.executionId,
    attempt: started.attempt,
    durationMs: run.result.durationMs,
  };
  try {
    if (run.result.kind === 'exited' && run.result.interrupted) {
      await stream.apply((_, now) => ({ type: 'Interrupt', ...target, now, signal: signalName(signal) }));
      return { kind: 'interrupted' };
    }
    if (succeeded(run.result)) {
      const exitCode = run.result.kind === 'exited' ? run.result.exitCode : null;
      await stream.apply((_, now) => ({ type: 'CompleteExecution', ...target, now, exitCode }));
      return { kind: 'completed' };
    }
    return await recordFailure(deps, stream, command, started, run);
  } catch (error) {
    if (isLost(error)) return { kind: 'lost' };
    throw error;
  }
};
