import { TaskledgerError } from '@taskledger/errors';
import { RawErrorFacts } from '@taskledger/events';
import type { ErrorClassification, RetryPolicy, TaskEvent } from '@taskledger/events';
import { attemptDuration, endedAs, invalid, plus, runningState } from './command-checks';
import type { DecisionContext } from './decision-context';
import { classify } from './error-classifier';
import { abandonedFacts, interruptedFacts } from './error-facts';

import { RunnerRecoveryOutcomes, recoveryFor } from './recovery';
import { nextRetry } from './retry-policy';
import type { AbandonExpired, FailAttempt, Interrupt } from './task.commands';
import type { TaskState, TaskStateOf } from './task.state';

type Running = TaskStateOf<'running'>;
type StopReason = 'retries-exhausted' | 'not-retryable' | 'needs-person';

interface Failure {
  state: Running;
  facts: RawErrorFacts;
  classification: ErrorClassification;
  durationMs: number;
  now: Date;
}

const stopText: Record<StopReason, string> = {
  'retries-exhausted': 'retries exhausted',
  'not-retryable': 'not retryable',
  'needs-person': 'needs a person',
};

const label = (c: ErrorClassification): string => `${c.severity} ${c.category} failure (rule ${c.ruleId})`;

const ids = ({ state }: Failure) => ({ taskId: state.taskId, executionId: state.execution.executionId });

const attemptFailed = (failure: Failure): TaskEvent => ({
  type: 'TaskAttemptFailed',
  data: {
    ...ids(failure),
    attempt: failure.state.execution.attempt,
    durationMs: failure.durationMs,
    error: failure.facts,
    classification: failure.classification,
  },
});

const retryScheduled = (failure: Failure, policy: RetryPolicy, delayMs: number, reason: string): TaskEvent => {
  const { attempt } = failure.state.execution;
  const notBefore = plus(failure.now, delayMs);
  return {
    type: 'TaskRetryScheduled',
    data: { ...ids(failure), failedAttempt: attempt, nextAttempt: attempt + 1, delayMs, notBefore, policy, reason },
  };
};

const executionFailed = (failure: Failure, reason: StopReason): TaskEvent => ({
  type: 'TaskExecutionFailed',
  data: {
    ...ids(failure),
    attempt: failure.state.execution.attempt,
    reason,
    category: failure.classification.category,
    message: `${label(failure.classification)}, ${stopText[reason]}: ${failure.facts.message}`,
  },
});

/** Critical failures are not retried; a permission failure that is not retried needs a person. */
const stopReason = (failure: Failure, policy: RetryPolicy): StopReason => {
  if (failure.classification.category === 'permission') return 'needs-person';
  if (failure.classification.severity === 'critical' || policy.maxRetries === 0) return 'not-retryable';
  return 'retries-exhausted';
};

/** TaskAttemptFailed, its RecoveryActionAttempted*, then TaskRetryScheduled or TaskExecutionFailed. */
const failedAttemptEvents = (
  failure: Failure,
  context: DecisionContext,
  performed?: RunnerRecoveryOutcomes,
): TaskEvent[] => {
  const { category, severity } = failure.classification;
  const { retriesUsed, timeoutMs, attempt } = failure.state.execution;
  const policy = context.policies[category];
  const retry = severity === 'critical' ? null : nextRetry(policy, retriesUsed, context.random);
  const retryDelayMs = retry?.delayMs ?? null;
  const recovery = recoveryFor(category, { timeoutMs, maxTimeoutMs: context.maxTimeoutMs, retryDelayMs, performed });
  const reason = `${label(failure.classification)}: retry ${retriesUsed + 1} of ${policy.maxRetries}`;
  const decision = retry
    ? retryScheduled(failure, policy, retry.delayMs, reason)
    : executionFailed(failure, stopReason(failure, policy));
  const recovered = recovery.map(({ action, outcome, details }): TaskEvent => ({
    type: 'RecoveryActionAttempted',
    data: { ...ids(failure), attempt, category, action, outcome, details },
  }));
  return [attemptFailed(failure), ...recovered, decision];
};

const validFacts = (facts: RawErrorFacts): RawErrorFacts => {
  const parsed = RawErrorFacts.safeParse(facts);
  if (parsed.success) return parsed.data;
  throw invalid(`FailAttempt: facts are not valid: ${parsed.error.issues[0]?.message ?? ''}`, {
    issues: parsed.error.issues,
  });
};

/** The running attempt failed: classify, recover, then retry or fail the execution. */
export const failAttempt = (command: FailAttempt, state: TaskState, context: DecisionContext): TaskEvent[] => {
  const ended = endedAs(command, state);
  if (ended === 'retrying' || ended === 'failed' || ended === 'attempt-failed') return [];
  const running = runningState(command, state);
  const facts = validFacts(command.facts);
  const durationMs = attemptDuration(command, running.execution);
  const failure = {
    state: running,
    facts,
    classification: classify(facts, context.classifier),
    durationMs,
    now: command.now,
  };
  return failedAttemptEvents(failure, context, command.recovery);
};

/** The runner died: abandon its attempt, then treat it as a failed attempt (category execution, rule abandoned). */
export const abandonExpired = (command: AbandonExpired, state: TaskState, context: DecisionContext): TaskEvent[] => {
  const running = runningState(command, state);
  const { executionId, attempt, leaseExpiresAt, startedAt, runner } = running.execution;
  if (command.now.getTime() < leaseExpiresAt.getTime()) {
    throw new TaskledgerError(
      'LeaseNotExpired',
      `the lease of ${executionId} is valid until ${leaseExpiresAt.toISOString()}`,
      {
        leaseExpiresAt: leaseExpiresAt.toISOString(),
      },
    );
  }
  const leaseExpiredAt = leaseExpiresAt.toISOString();
  const facts = abandonedFacts({ leaseExpiredAt, detectedBy: command.detectedBy, runnerHost: runner.host });
  const durationMs = startedAt === null ? 0 : Math.max(0, leaseExpiresAt.getTime() - startedAt.getTime());
  const failure = {
    state: running,
    facts,
    classification: classify(facts, context.classifier),
    durationMs,
    now: command.now,
  };
  const abandoned: TaskEvent = {
    type: 'TaskExecutionAbandoned',
    data: { taskId: running.taskId, executionId, attempt, leaseExpiredAt, detectedBy: command.detectedBy },
  };
  return [abandoned, ...failedAttemptEvents(failure, context)];
};

/** The run was stopped: the attempt failed as interrupted and is retried at once, outside the retry budget. */
export const interrupt = (command: Interrupt, state: TaskState, context: DecisionContext): TaskEvent[] => {
  if (endedAs(command, state) !== null) return [];
  const running = runningState(command, state);
  const facts = interruptedFacts(command.signal);
  const durationMs = attemptDuration(command, running.execution);
  const classification = classify(facts, context.classifier);
  const failure = { state: running, facts, classification, durationMs, now: command.now };
  return [attemptFailed(failure), retryScheduled(failure, context.policies[classification.category], 0, 'interrupted')];
};
