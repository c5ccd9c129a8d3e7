import { TaskledgerError } from '@taskledger/errors';
import { ExecutionId, Runner } from '@taskledger/events';
import type { TaskEvent } from '@taskledger/events';
import { abandonExpired, failAttempt, interrupt } from './attempt-failure';
import { attemptDuration, endedAs, invalid, plus, positive, registeredState, runningState } from './command-checks';
import type { DecisionContext } from './decision-context';

import type {
  CompleteExecution,
  RenewLease,
  ReportProgress,
  ResetExecution,
  Skip,
  StartExecution,
  TaskCommand,
} from './task.commands';
import type { RegisteredTaskState, TaskState } from './task.state';

interface AttemptToStart {
  executionId: string;
  attempt: number;
  timeoutMs: number | null;
}

const startedEvent = (
  command: StartExecution,
  state: RegisteredTaskState,
  { executionId, attempt, timeoutMs }: AttemptToStart,
): TaskEvent => ({
  type: 'TaskExecutionStarted',
  data: {
    taskId: state.taskId,
    executionId,
    attempt,
    leaseExpiresAt: plus(command.now, command.leaseMs),
    timeoutMs,
    runner: command.runner,
  },
});

const checkStart = (command: StartExecution): void => {
  positive('leaseMs', command.leaseMs);
  if (command.timeoutMs !== null) positive('timeoutMs', command.timeoutMs);
  const runner = Runner.safeParse(command.runner);
  if (!runner.success) throw invalid(`StartExecution: runner is not valid: ${runner.error.issues[0]?.message ?? ''}`);
};

const newExecution = (command: StartExecution, state: RegisteredTaskState): TaskEvent => {
  if (!ExecutionId.safeParse(command.newExecutionId).success)
    throw invalid(`newExecutionId must be a UUID, got ${command.newExecutionId}`);
  return startedEvent(command, state, {
    executionId: command.newExecutionId,
    attempt: 1,
    timeoutMs: command.timeoutMs,
  });
};

/** A new execution, or the next attempt of the retrying one (not before its notBefore unless forced). */
const start = (command: StartExecution, state: TaskState): TaskEvent[] => {
  const registered = registeredState(command, state);
  checkStart(command);
  if (!registered.inBacklog) {
    throw new TaskledgerError('TaskNotRunnable', `task ${registered.taskId} was removed from the backlog`, {
      inBacklog: false,
    });
  }
  if (registered.status === 'running') {
    const { executionId, leaseExpiresAt } = registered.execution;
    throw new TaskledgerError('TaskNotRunnable', `task ${registered.taskId} is already running (${executionId})`, {
      executionId,
      leaseExpiresAt: leaseExpiresAt.toISOString(),
    });
  }
  if (registered.status !== 'retrying') return [newExecution(command, registered)];
  const { executionId, nextAttempt, notBefore, nextTimeoutMs } = registered.execution;
  if (!command.force && command.now.getTime() < notBefore.getTime()) {
    throw new TaskledgerError(
      'RetryNotDue',
      `attempt ${nextAttempt} of ${registered.taskId} may start at ${notBefore.toISOString()}`,
      {
        notBefore: notBefore.toISOString(),
      },
    );
  }
  return [
    startedEvent(command, registered, {
      executionId,
      attempt: nextAttempt,
      timeoutMs: nextTimeoutMs ?? command.timeoutMs,
    }),
  ];
};

const reportProgress = (command: ReportProgress, state: TaskState): TaskEvent[] => {
  const { taskId, execution } = runningState(command, state);
  if (!(command.progress >= 0 && command.progress <= 1))
    throw invalid(`progress must be within 0..1, got ${command.progress}`);
  const { executionId, attempt } = execution;
  return [
    {
      type: 'TaskProgressReported',
      data: { taskId, executionId, attempt, progress: command.progress, message: command.message },
    },
  ];
};

/** Renewal is allowed even after expiry as long as nobody abandoned the execution (appends race on the revision). */
const renewLease = (command: RenewLease, state: TaskState): TaskEvent[] => {
  const { taskId, execution } = runningState(command, state);
  const leaseExpiresAt = plus(command.now, positive('leaseMs', command.leaseMs));
  return [
    {
      type: 'TaskLeaseRenewed',
      data: { taskId, executionId: execution.executionId, attempt: execution.attempt, leaseExpiresAt },
    },
  ];
};

const complete = (command: CompleteExecution, state: TaskState): TaskEvent[] => {
  if (endedAs(command, state) === 'completed') return [];
  const { taskId, execution } = runningState(command, state);
  if (command.exitCode !== null && !Number.isInteger(command.exitCode)) {
    throw invalid(`exitCode must be an integer or null, got ${command.exitCode}`);
  }
  const durationMs = attemptDuration(command, execution);
  const { executionId, attempt } = execution;
  return [
    { type: 'TaskExecutionCompleted', data: { taskId, executionId, attempt, durationMs, exitCode: command.exitCode } },
  ];
};

const sameSkip = (command: Skip, state: RegisteredTaskState): boolean =>
  state.status === 'skipped' &&
  state.skip.reason === command.reason &&
  state.skip.missing.length === command.missing.length &&
  state.skip.missing.every((id, index) => command.missing[index] === id);

const skipMessage = ({ reason, missing }: Skip): string =>
  reason === 'dependencies-unmet'
    ? `waiting for ${missing.join(', ')}`
    : 'needs a person: confirm with --yes or at the prompt';

/** Records a gate's refusal; repeating the same skip decides nothing. */
const skip = (command: Skip, state: TaskState): TaskEvent[] => {
  const registered = registeredState(command, state);
  if (registered.status === 'running') {
    throw new TaskledgerError('ExecutionInProgress', `task ${registered.taskId} is running; it cannot be skipped`, {
      executionId: registered.execution.executionId,
    });
  }
  if (sameSkip(command, registered)) return [];
  const { reason, missing } = command;
  return [
    {
      type: 'TaskSkipped',
      data: { taskId: registered.taskId, reason, missing, message: command.message ?? skipMessage(command) },
    },
  ];
};

const reset = (command: ResetExecution, state: TaskState): TaskEvent[] => {
  const registered = registeredState(command, state);
  if (registered.status === 'pending') return [];
  return [
    {
      type: 'ExecutionStateReset',
      data: { taskId: registered.taskId, previousStatus: registered.status, reason: command.reason },
    },
  ];
};

/**
 * The events a command causes, given the task's state; [] means nothing to do (a repeated
 * command). Refusals throw TaskledgerError with a code. Pure: time, ids and randomness come
 * from the command and the context.
 */
export const decide = (command: TaskCommand, state: TaskState, context: DecisionContext): TaskEvent[] => {
  switch (command.type) {
    case 'StartExecution':
      return start(command, state);
    case 'ReportProgress':
      return reportProgress(command, state);
    case 'RenewLease':
      return renewLease(command, state);
    case 'FailAttempt':
      return failAttempt(command, state, context);
    case 'CompleteExecution':
      return complete(command, state);
    case 'Skip':
      return skip(command, state);
    case 'AbandonExpired':
      return abandonExpired(command, state, context);
    case 'Interrupt':
      return interrupt(command, state, context);
    case 'ResetExecution':
      return reset(command, state);
    default:
      return unknownCommand(command);
  }
};

const unknownCommand = (command: never): never => {
  throw invalid(`unknown command ${(command as { type?: unknown }).type}`);
};
