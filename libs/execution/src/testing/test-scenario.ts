import { isTaskledgerError } from '@taskledger/errors';
import type { ErrorCode } from '@taskledger/errors';
import { deepStrictEqual, fail } from 'node:assert/strict';
import type { TaskEvent } from '@taskledger/events';
import type { DecisionContext } from '../decision-context';
import type { TaskCommand } from '../task.commands';
import { decide } from '../task.decider';
import { foldTaskState, TaskEventInput } from '../task.evolve';
import type { TaskState, TaskStatus } from '../task.state';
import { testDecisionContext } from './test-commands';
import { occurredAt, TEST_EPOCH } from './test-events';

/**
 * The result of `given(history).when(command)`. Assertions return nothing, so a test can be a
 * one-line arrow (jest accepts only undefined or a promise); keep the outcome to assert twice.
 */
export interface Outcome {
  /** The decided events; rethrows what decide threw. */
  readonly events: TaskEvent[];
  /** The state after the history and the decided events. */
  readonly state: TaskState;
  /** Exactly these events; and, when given, the status they lead to. */
  thenEvents(expected: TaskEvent[], expectedStatus?: TaskStatus): void;
  thenEventTypes(expected: TaskEvent['type'][]): void;
  /** Decided nothing: a repeated command. */
  thenNothing(): void;
  thenStatus(expected: TaskStatus): void;
  thenThrows(code: ErrorCode): void;
}

const outcome = (before: TaskState, run: () => TaskEvent[]): Outcome => {
  let decided: TaskEvent[] | null = null;
  let error: unknown = null;
  try {
    decided = run();
  } catch (thrown) {
    error = thrown;
  }
  const events = (): TaskEvent[] => {
    if (decided === null) throw error;
    return decided;
  };
  const self: Outcome = {
    get events() {
      return events();
    },
    get state() {
      return foldTaskState(events(), before);
    },
    thenEvents: (expected, expectedStatus) => {
      deepStrictEqual(events(), expected);
      if (expectedStatus !== undefined) self.thenStatus(expectedStatus);
    },
    thenEventTypes: (expected) =>
      deepStrictEqual(
        events().map((event) => event.type),
        expected,
      ),
    thenNothing: () => deepStrictEqual(events(), []),
    thenStatus: (expected) => deepStrictEqual(self.state.status, expected),
    thenThrows: (code) => {
      if (decided !== null) fail(`expected ${code}, but decided [${decided.map((event) => event.type).join(', ')}]`);
      if (!isTaskledgerError(error)) throw error;
      deepStrictEqual(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
    },
  };
  return self;
};

/**
 * Given/when/then for the task decider. History events without metadata are stamped with
 * TEST_EPOCH, so an attempt started in the history started at `at(0)`.
 */
export const given = (history: readonly TaskEventInput[] = [], context: DecisionContext = testDecisionContext()) => {
  const stamped = history.map((event) => (event.metadata ? event : occurredAt(event, TEST_EPOCH)));
  const state = foldTaskState(stamped);
  return {
    state,
    when: (command: TaskCommand, whenContext: DecisionContext = context): Outcome =>
      outcome(state, () => decide(command, state, whenContext)),
  };
};
