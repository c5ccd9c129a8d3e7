import { EventOfType } from '@taskledger/events';
import * as build from '@taskledger/events/testing';
import { definitionMoves, register } from './history-definitions';
import { abandonedFailure, GeneratedFailure, generatedFailure, interruptedFailure } from './history-errors';
import { HistoryStep, Move, SimClock, TaskSim } from './history-sim.types';

/** The retry budget of generated executions: failures beyond it end the execution. */
const MAX_RETRIES = 3;
const iso = (ms: number): string => new Date(ms).toISOString();
const execution = (sim: TaskSim) => ({ executionId: sim.executionId, attempt: sim.attempt });

const startAttempt = (sim: TaskSim, step: HistoryStep, clock: SimClock): EventOfType<'TaskExecutionStarted'> => {
  Object.assign(sim, { phase: 'running', status: 'running', recoveries: 0 });
  return build.started(sim.taskId, {
    ...execution(sim),
    leaseExpiresAt: iso(clock.now + 300_000),
    timeoutMs: step.pick % 2 === 0 ? 60_000 : null,
    runner: { kind: step.pick % 3 === 0 ? 'manual' : 'shell', command: null, host: `host-${step.pick % 2}`, pid: null },
  });
};

const start: Move = (sim, step, clock) => {
  Object.assign(sim, { executionId: clock.nextExecutionId(), attempt: 1, failures: 0 });
  return [startAttempt(sim, step, clock)];
};

const startNext: Move = (sim, step, clock) => {
  sim.attempt += 1;
  return [startAttempt(sim, step, clock)];
};

const progress: Move = (sim, step) => [
  build.progressReported(sim.taskId, {
    ...execution(sim),
    progress: (step.pick % 101) / 100,
    message: step.pick % 2 ? `step ${step.pick}` : null,
  }),
];

const renew: Move = (sim, _step, clock) => [
  build.leaseRenewed(sim.taskId, { ...execution(sim), leaseExpiresAt: iso(clock.now + 300_000) }),
];

const complete: Move = (sim, step) => {
  Object.assign(sim, { phase: 'idle', status: 'completed' });
  return [
    build.completed(sim.taskId, {
      ...execution(sim),
      durationMs: step.durationMs,
      exitCode: step.pick % 4 === 0 ? null : 0,
    }),
  ];
};

const failed = (sim: TaskSim, step: HistoryStep, failure: GeneratedFailure): EventOfType<'TaskAttemptFailed'> => {
  const { error, category, severity, ruleId } = failure;
  return build.attemptFailed(sim.taskId, {
    ...execution(sim),
    durationMs: step.durationMs,
    error,
    classification: { category, severity, ruleId, classifierVersion: 1 },
  });
};

const sighting = (sim: TaskSim, at: number, event: EventOfType<'TaskAttemptFailed'>) => {
  sim.lastFailed = {
    ...execution(sim),
    at: iso(at),
    errorType: event.data.error.type,
    errorMessage: event.data.error.message,
    classification: event.data.classification,
  };
};

/** `offset`: where the TaskAttemptFailed sits among the move's events (each is 1 ms after the one before). */
const failAttempt =
  (failure: (sim: TaskSim, step: HistoryStep) => GeneratedFailure, offset = 0): Move =>
  (sim, step, clock) => {
    const chosen = failure(sim, step);
    Object.assign(sim, { phase: 'attempt-failed', failures: sim.failures + 1, lastFailure: chosen });
    const event = failed(sim, step, chosen);
    sighting(sim, clock.now + offset, event);
    return [event];
  };

const failWith = failAttempt((_sim, step) => generatedFailure(step.pick));

const abandon: Move = (sim, step, clock) => [
  build.abandoned(sim.taskId, { ...execution(sim), leaseExpiredAt: iso(clock.now - 1000), detectedBy: 'runner:other' }),
  ...failAttempt((s) => abandonedFailure(s.attempt), 1)(sim, step, clock),
];

const interrupt: Move = (sim, step, clock) => {
  Object.assign(sim, { phase: 'retrying', status: 'retrying' });
  const event = failed(sim, step, interruptedFailure());
  sighting(sim, clock.now, event);
  return [event, retryEvent(sim, 0, 'interrupted', clock)];
};

/** A later rule table moves the task's latest failure to another classification. */
const reclassify: Move = (sim, step) => {
  const last = sim.lastFailed!;
  const { category, severity, ruleId } = generatedFailure(step.pick + 1);
  const to = { category, severity, ruleId: `${ruleId}-v2`, classifierVersion: 2 };
  sim.lastFailed = { ...last, classification: to };
  return [
    build.errorReclassified(sim.taskId, {
      executionId: last.executionId,
      attempt: last.attempt,
      failedAt: last.at,
      errorType: last.errorType,
      errorMessage: last.errorMessage,
      from: last.classification,
      to,
    }),
  ];
};

const retryEvent = (sim: TaskSim, delayMs: number, reason: string, clock: SimClock) =>
  build.retryScheduled(sim.taskId, {
    executionId: sim.executionId,
    failedAttempt: sim.attempt,
    nextAttempt: sim.attempt + 1,
    delayMs,
    notBefore: iso(clock.now + delayMs),
    reason,
  });

const retry: Move = (sim, _step, clock) => {
  Object.assign(sim, { phase: 'retrying', status: 'retrying' });
  return [retryEvent(sim, 1000 * 2 ** (sim.failures - 1), 'retryable', clock)];
};

const recover: Move = (sim, step) => {
  sim.recoveries += 1;
  const actions = ['extend-timeout', 'clear-scratch-dir', 'backoff', 'reopen-store', 'needs-person'] as const;
  const outcomes = ['succeeded', 'failed', 'not-applicable'] as const;
  return [
    build.recoveryAttempted(sim.taskId, {
      ...execution(sim),
      category: sim.lastFailure!.category,
      action: actions[step.pick % actions.length]!,
      outcome: outcomes[step.pick % outcomes.length]!,
    }),
  ];
};

const failExecution: Move = (sim, step) => {
  Object.assign(sim, { phase: 'idle', status: 'failed' });
  const reason = sim.failures > MAX_RETRIES ? 'retries-exhausted' : step.pick % 2 ? 'not-retryable' : 'needs-person';
  const { category, error } = sim.lastFailure!;
  return [
    build.executionFailed(sim.taskId, { ...execution(sim), reason, category, message: error.message || error.type }),
  ];
};

const skip: Move = (sim, step) => {
  Object.assign(sim, { phase: 'idle', status: 'skipped' });
  const human = step.pick % 2 === 0;
  return [
    build.skipped(sim.taskId, {
      reason: human ? 'human-required' : 'dependencies-unmet',
      missing: human ? [] : ['B-100'],
    }),
  ];
};

const reset: Move = (sim) => {
  const previousStatus = sim.status;
  Object.assign(sim, { phase: 'idle', status: 'pending' });
  return [build.stateReset(sim.taskId, { previousStatus, reason: 'reset by test' })];
};

/** The moves valid for a task in its current phase (event-semantics.md). */
export const validMoves = (sim: TaskSim): Move[] => {
  switch (sim.phase) {
    case 'new':
      return [register];
    case 'idle':
      return [start, start, skip, reset, ...(sim.lastFailed ? [reclassify] : []), ...definitionMoves(sim)];
    case 'running':
      return [progress, renew, complete, complete, failWith, abandon, interrupt, ...definitionMoves(sim)];
    case 'attempt-failed':
      return [
        ...(sim.recoveries < 2 ? [recover] : []),
        ...(sim.failures <= MAX_RETRIES ? [retry, retry] : []),
        failExecution,
      ];
    case 'retrying':
      return [startNext, startNext, reset, ...(sim.lastFailed ? [reclassify] : []), ...definitionMoves(sim)];
  }
};
