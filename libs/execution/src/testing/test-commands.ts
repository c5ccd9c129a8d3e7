import { testUuid } from '@taskledger/events/testing';
import { createDecisionContext, DecisionContext, DecisionContextOptions } from '../decision-context';
import { rawErrorFacts } from '../error-facts';
import type { RandomSource } from '../retry-policy';
import type * as C from '../task.commands';
import { at, TEST_TASK_ID, testRunner } from './test-events';

type Builder<T extends C.TaskCommand> = (overrides?: Partial<Omit<T, 'type'>>) => T;

/** Starts execution testUuid(1) at `at(0)` with a 60 s lease and a 30 s timeout. */
export const startExecution: Builder<C.StartExecution> = (overrides = {}) => ({
  type: 'StartExecution',
  taskId: TEST_TASK_ID,
  now: at(0),
  newExecutionId: testUuid(1),
  leaseMs: 60_000,
  timeoutMs: 30_000,
  runner: testRunner,
  ...overrides,
});

export const reportProgress: Builder<C.ReportProgress> = (overrides = {}) => ({
  type: 'ReportProgress',
  taskId: TEST_TASK_ID,
  now: at(5),
  progress: 0.5,
  message: 'half way',
  ...overrides,
});

export const renewLease: Builder<C.RenewLease> = (overrides = {}) => ({
  type: 'RenewLease',
  taskId: TEST_TASK_ID,
  now: at(30),
  leaseMs: 60_000,
  ...overrides,
});

/** Fails the running attempt at `at(10)` with exit code 1 and nothing recognisable in the output. */
export const failAttempt: Builder<C.FailAttempt> = (overrides = {}) => ({
  type: 'FailAttempt',
  taskId: TEST_TASK_ID,
  now: at(10),
  facts: rawErrorFacts({ type: 'process', message: 'exit 1', exitCode: 1 }),
  ...overrides,
});

export const completeExecution: Builder<C.CompleteExecution> = (overrides = {}) => ({
  type: 'CompleteExecution',
  taskId: TEST_TASK_ID,
  now: at(10),
  exitCode: 0,
  ...overrides,
});

export const skipTask: Builder<C.Skip> = (overrides = {}) => ({
  type: 'Skip',
  taskId: TEST_TASK_ID,
  now: at(0),
  reason: 'dependencies-unmet',
  missing: ['T-0'],
  ...overrides,
});

/** Abandons at `at(61)`, one second after the default lease of executionStarted() expired. */
export const abandonExpired: Builder<C.AbandonExpired> = (overrides = {}) => ({
  type: 'AbandonExpired',
  taskId: TEST_TASK_ID,
  now: at(61),
  detectedBy: 'runner:other',
  ...overrides,
});

export const interrupt: Builder<C.Interrupt> = (overrides = {}) => ({
  type: 'Interrupt',
  taskId: TEST_TASK_ID,
  now: at(10),
  signal: 'SIGINT',
  ...overrides,
});

export const resetExecution: Builder<C.ResetExecution> = (overrides = {}) => ({
  type: 'ResetExecution',
  taskId: TEST_TASK_ID,
  now: at(100),
  reason: 'manual reset',
  ...overrides,
});

/** Always the same number: with 0.5 a jittered delay is 75 % of its un-jittered value. */
export const constantRandom =
  (value = 0.5): RandomSource =>
  () =>
    value;

/** The given numbers in turn, then again from the start. */
export const sequenceRandom = (values: readonly number[]): RandomSource => {
  let index = 0;
  return () => values[index++ % values.length] ?? 0;
};

/** A DecisionContext with default rules and policies and constantRandom(0.5). */
export const testDecisionContext = (overrides: Partial<DecisionContextOptions> = {}): DecisionContext =>
  createDecisionContext({ random: constantRandom(), ...overrides });

/** A clock that moves only when told to. */
export const fakeClock = (start: Date = at(0)) => {
  let time = start.getTime();
  return {
    now: (): Date => new Date(time),
    advance: (ms: number): Date => new Date((time += ms)),
  };
};
