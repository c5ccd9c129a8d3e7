import { isTaskledgerError } from '@taskledger/errors';
import type { ResolvedCommand } from './command-resolution';
import type { AttemptResult } from './executor.port';
import { notifyWarning, RunnerDeps, TaskEnvelope } from './runner-deps';
import type { TaskStreamHandle } from './task-stream';

/** The attempt a TaskExecutionStarted began. */
export interface StartedAttempt {
  executionId: string;
  attempt: number;
  /** This attempt's timeout: a timeout recovery may have doubled the configured one. */
  timeoutMs: number | null;
}

export interface AttemptRun {
  result: AttemptResult;
  /** Another runner abandoned this attempt (our lease had expired); its end is not ours to record. */
  lost: boolean;
}

export const startedAttempt = (events: readonly TaskEnvelope[]): StartedAttempt | null => {
  const started = events.find((event) => event.type === 'TaskExecutionStarted');
  if (started?.type !== 'TaskExecutionStarted') return null;
  const { executionId, attempt, timeoutMs } = started.data;
  return { executionId, attempt, timeoutMs };
};

const isLost = (error: unknown): boolean =>
  isTaskledgerError(error, 'ExecutionNotFound') || isTaskledgerError(error, 'AttemptMismatch');

/** Renews the lease every third of it until `stop`; calls `onLost` when the attempt is no longer ours. */
const renewLeases = async (
  deps: RunnerDeps,
  stream: TaskStreamHandle,
  started: StartedAttempt,
  stop: AbortSignal,
  onLost: () => void,
) => {
  const { leaseMs } = deps.settings;
  const target = { taskId: stream.taskId, executionId: started.executionId, attempt: started.attempt };
  for (;;) {
    await deps.sleep(Math.max(1, Math.floor(leaseMs / 3)), stop);
    if (stop.aborted) return;
    try {
      await stream.apply((_, now) => ({ type: 'RenewLease', ...target, now, leaseMs }));
    } catch (error) {
      if (isLost(error)) return onLost();
      notifyWarning(deps.observer, `${stream.taskId}: lease renewal failed: ${(error as Error).message}`);
    }
  }
};

/** Appends `::progress` reports one at a time; while one is being appended only the latest waits. */
const progressReporter = (deps: RunnerDeps, stream: TaskStreamHandle, started: StartedAttempt) => {
  let latest: { progress: number; message: string | null } | null = null;
  let flushing: Promise<void> | null = null;
  const target = { taskId: stream.taskId, executionId: started.executionId, attempt: started.attempt };
  const flush = async () => {
    while (latest) {
      const { progress, message } = latest;
      latest = null;
      try {
        await stream.apply((_, now) => ({ type: 'ReportProgress', ...target, now, progress, message }));
      } catch (error) {
        notifyWarning(deps.observer, `${stream.taskId}: progress not recorded: ${(error as Error).message}`);
      }
    }
    flushing = null;
  };
  return {
    report: (progress: number, message: string | null) => {
      latest = { progress, message };
      flushing ??= flush();
    },
    drain: (): Promise<void> => flushing ?? Promise.resolve(),
  };
};

const taskEnv = (
  deps: RunnerDeps,
  command: ResolvedCommand,
  taskId: string,
  started: StartedAttempt,
  scratchDir: string,
) => ({
  ...deps.env,
  ...command.env,
  TASKLEDGER_TASK_ID: taskId,
  TASKLEDGER_EXECUTION_ID: started.executionId,
  TASKLEDGER_ATTEMPT: String(started.attempt),
  TASKLEDGER_SCRATCH_DIR: scratchDir,
});

const prepareScratchDir = (deps: RunnerDeps, taskId: string): Promise<string> =>
  deps.io.scratchDir(taskId).catch((error: Error) => {
    notifyWarning(deps.observer, `${taskId}: scratch directory: ${error.message}`);
    return '';
  });

/** Runs a started attempt to its end: the process, lease renewals and progress reports. */
export const runAttempt = async (
  deps: RunnerDeps,
  stream: TaskStreamHandle,
  command: ResolvedCommand,
  started: StartedAttempt,
  signal: AbortSignal,
): Promise<AttemptRun> => {
  const attempt = new AbortController();
  const stopRenewing = new AbortController();
  let lost = false;
  const relay = () => attempt.abort(signal.reason);
  signal.addEventListener('abort', relay, { once: true });
  if (signal.aborted) relay();
  const progress = progressReporter(deps, stream, started);
  const renewing = renewLeases(
    deps,
    stream,
    started,
    stopRenewing.signal,
    () => ((lost = true), attempt.abort('lost')),
  );
  const scratchDir = await prepareScratchDir(deps, stream.taskId);
  const env = taskEnv(deps, command, stream.taskId, started, scratchDir);
  const { line, cwd, killGraceMs } = command;
  const result = await deps.executor.run({
    line,
    cwd,
    env,
    timeoutMs: started.timeoutMs,
    killGraceMs,
    signal: attempt.signal,
    onProgress: progress.report,
  });
  stopRenewing.abort();
  signal.removeEventListener('abort', relay);
  await renewing;
  await progress.drain();
  return { result, lost };
};
