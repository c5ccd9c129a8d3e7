import type { TaskState } from '@taskledger/execution';
import { runnerName, RunnerDeps, TaskEnvelope } from './runner-deps';
import { TaskStreamHandle } from './task-stream';

/** The running execution whose lease has expired at `now`, if any. */
export const expiredExecution = (state: TaskState, now: Date): string | null =>
  state.status === 'running' && now.getTime() >= state.execution.leaseExpiresAt.getTime()
    ? state.execution.executionId
    : null;

/**
 * Abandons the task's running execution when its lease has expired (its runner died): appends
 * TaskExecutionAbandoned and the failed attempt with its retry decision. [] when it is not (or
 * no longer) expired, e.g. because its runner renewed it first.
 */
export const abandonIfExpired = (deps: RunnerDeps, stream: TaskStreamHandle): Promise<TaskEnvelope[]> =>
  stream.apply((state, now) => {
    const executionId = expiredExecution(state, now);
    return executionId === null
      ? null
      : { type: 'AbandonExpired', taskId: stream.taskId, now, detectedBy: runnerName(deps.identity), executionId };
  });

/** Checks each task's stream and abandons expired executions; returns the ids of tasks abandoned. */
export const abandonExpiredLeases = async (deps: RunnerDeps, taskIds: readonly string[]): Promise<string[]> => {
  const abandoned: string[] = [];
  for (const taskId of taskIds) {
    const events = await abandonIfExpired(deps, new TaskStreamHandle(deps, taskId));
    if (events.length > 0) abandoned.push(taskId);
  }
  return abandoned;
};
