import { isTaskledgerError } from '@taskledger/errors';
import fc from 'fast-check';
import { TaskEventSchema } from '@taskledger/events';
import type { RawErrorFacts, TaskEvent } from '@taskledger/events';
import { testUuid } from '@taskledger/events/testing';
import { processFailureFacts, rawErrorFacts, spawnFailureFacts, storeFailureFacts } from './error-facts';

import type { TaskCommand } from './task.commands';
import { decide } from './task.decider';
import { evolve, foldTaskState, TaskEventInput } from './task.evolve';
import type { TaskState } from './task.state';
import * as t from './testing';

const sampleFacts: RawErrorFacts[] = [
  rawErrorFacts({ type: 'process', message: 'exit 1', exitCode: 1 }),
  processFailureFacts({
    message: 'timed out',
    exitCode: null,
    signal: 'SIGTERM',
    timedOut: true,
    stderr: '',
    stdout: '',
  }),
  processFailureFacts({
    message: 'exit 1',
    exitCode: 1,
    signal: null,
    timedOut: false,
    stderr: 'ECONNRESET',
    stdout: '',
  }),
  processFailureFacts({
    message: 'exit 1',
    exitCode: 1,
    signal: null,
    timedOut: false,
    stderr: 'permission denied',
    stdout: '',
  }),
  processFailureFacts({
    message: 'exit 2',
    exitCode: 2,
    signal: null,
    timedOut: false,
    stderr: 'invalid input',
    stdout: '',
  }),
  spawnFailureFacts({ code: 'ENOENT', message: 'spawn x ENOENT' }),
  storeFailureFacts({ code: 'SQLITE_BUSY', message: 'database is locked' }),
];

const step = fc.record({
  advanceMs: fc.integer({ min: 0, max: 90_000 }),
  kind: fc.oneof(
    { arbitrary: fc.constantFrom('start' as const, 'fail' as const), weight: 6 },
    { arbitrary: fc.constantFrom('progress', 'renew', 'complete', 'skip', 'abandon', 'interrupt', 'reset'), weight: 4 },
  ),
  target: fc.constantFrom('none', 'none', 'current', 'stale'),
  force: fc.boolean(),
  facts: fc.constantFrom(...sampleFacts),
  performed: fc.constantFrom(
    undefined,
    { 'clear-scratch-dir': { outcome: 'failed' as const } },
    { 'reopen-store': { outcome: 'succeeded' as const } },
  ),
  number: fc.double({ min: 0, max: 1, noNaN: true }),
});
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

const targetOf = (s: Step, state: TaskState) => {
  if (s.target === 'none' || !('execution' in state)) return {};
  const { executionId } = state.execution;
  const attempt = 'attempt' in state.execution ? state.execution.attempt : state.execution.failedAttempt;
  return { executionId, attempt: s.target === 'current' ? attempt : attempt + 1 };
};

const commandFor = (s: Step, state: TaskState, now: Date, n: number): TaskCommand => {
  const target = targetOf(s, state);
  const facts = { facts: s.facts, recovery: s.performed };
  const commands: Record<Step['kind'], () => TaskCommand> = {
    start: () =>
      t.startExecution({ now, newExecutionId: testUuid(n), force: s.force, timeoutMs: s.force ? null : 30_000 }),
    progress: () => t.reportProgress({ now, progress: s.number, ...target }),
    renew: () => t.renewLease({ now, ...target }),
    fail: () => t.failAttempt({ now, ...facts, ...target }),
    complete: () => t.completeExecution({ now, ...target }),
    skip: () =>
      t.skipTask({ now, reason: s.force ? 'human-required' : 'dependencies-unmet', missing: s.force ? [] : ['T-0'] }),
    abandon: () => t.abandonExpired({ now }),
    interrupt: () => t.interrupt({ now, ...target }),
    reset: () => t.resetExecution({ now }),
  };
  return commands[s.kind]();
};

/** Runs the steps through decide and evolve; returns every decision (batch) and the final state. */
const simulate = (steps: Step[], random: () => number) => {
  const context = t.testDecisionContext({ random });
  let state = foldTaskState([t.occurredAt(t.taskRegistered(), t.TEST_EPOCH)]);
  let time = t.TEST_EPOCH.getTime();
  const log: TaskEventInput[] = [t.occurredAt(t.taskRegistered(), t.TEST_EPOCH)];
  const batches: TaskEvent[][] = [];
  steps.forEach((s, index) => {
    const now = new Date((time += s.advanceMs));
    try {
      const events = decide(commandFor(s, state, now, index + 1), state, context).map((event) =>
        t.occurredAt(event, now),
      );
      batches.push(events);
      log.push(...events);
      state = foldTaskState(events, state);
    } catch (error) {
      if (!isTaskledgerError(error)) throw error;
    }
  });
  return { state, log, batches };
};

const retriesWithinPolicy = (events: readonly TaskEventInput[]): boolean => {
  const used = new Map<string, number>();
  return events.every((event) => {
    if (event.type !== 'TaskRetryScheduled') return true;
    if (event.data.reason === 'interrupted') return event.data.delayMs === 0;
    const count = (used.get(event.data.executionId) ?? 0) + 1;
    used.set(event.data.executionId, count);
    return count <= event.data.policy.maxRetries && event.data.delayMs <= event.data.policy.maxDelayMs;
  });
};

const wellFormedFailure = (batch: readonly TaskEvent[]): boolean => {
  const failed = batch.findIndex((event) => event.type === 'TaskAttemptFailed');
  if (failed === -1) return true;
  const rest = batch.slice(failed + 1);
  const last = rest.at(-1)?.type;
  return (
    (last === 'TaskRetryScheduled' || last === 'TaskExecutionFailed') &&
    rest.slice(0, -1).every((e) => e.type === 'RecoveryActionAttempted')
  );
};

describe('task history (properties)', () => {
  const histories = fc.tuple(
    fc.array(step, { maxLength: 60 }),
    fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  );

  it('decides only valid events, refuses only with TaskledgerError, and replays to the same state', () =>
    fc.assert(
      fc.property(histories, ([steps, r]) => {
        const { state, log } = simulate(steps, () => r);
        log.forEach((event) => TaskEventSchema.parse({ type: event.type, data: event.data }));
        expect(foldTaskState(log)).toEqual(state);
      }),
    ));

  it('never schedules more retries than the policy allows nor longer delays than its cap', () =>
    fc.assert(fc.property(histories, ([steps, r]) => retriesWithinPolicy(simulate(steps, () => r).log))));

  it('follows every failed attempt with its recoveries and exactly one retry decision', () =>
    fc.assert(fc.property(histories, ([steps, r]) => simulate(steps, () => r).batches.every(wellFormedFailure))));

  it('numbers the attempts of an execution 1, 2, 3, … in order', () =>
    fc.assert(
      fc.property(histories, ([steps, r]) => {
        const last = new Map<string, number>();
        return simulate(steps, () => r).log.every((event) => {
          if (event.type !== 'TaskExecutionStarted') return true;
          const ok = event.data.attempt === (last.get(event.data.executionId) ?? 0) + 1;
          last.set(event.data.executionId, event.data.attempt);
          return ok;
        });
      }),
    ));

  it('never throws in evolve, whatever the order of events', () => {
    const event = fc.constantFrom<TaskEvent>(
      t.taskRegistered(),
      t.definitionChanged([{ field: 'title', from: 'a', to: 'b' }]),
      t.removedFromBacklog(),
      t.executionStarted(),
      t.executionStarted({ attempt: 2 }),
      t.progressReported(),
      t.leaseRenewed(),
      t.attemptFailed(),
      t.recoveryAttempted({ details: { toMs: 60_000 } }),
      t.retryScheduled(),
      t.retryScheduled({ reason: 'interrupted' }),
      t.executionCompleted(),
      t.executionFailed(),
      t.taskSkipped(),
      t.executionAbandoned(),
      t.executionReset(),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const state = events.reduce(evolve, t.given().state);
        return typeof state.status === 'string';
      }),
    );
  });
});
