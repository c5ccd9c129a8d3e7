import fc from 'fast-check';
import { LedgerEvent } from '@taskledger/events';
import { backlogParsed, testUuid } from '@taskledger/events/testing';
import { HistoryStep, newTaskSim, SimClock } from './history-sim.types';
import { validMoves } from './history-simulation';
import { TimedEvent, toProjected } from './projected-events';
import { ProjectedEvent } from '../projection';

export interface HistoryOptions {
  /** Most tasks in one history. Default 4. */
  maxTasks?: number;
  /** Most steps; each appends one or two events. Default 60. */
  maxSteps?: number;
  /** Time of the first step. Default 2026-01-01T00:00:00.000Z. */
  start?: string;
}

const HOUR = 3_600_000;

const stepArbitrary: fc.Arbitrary<HistoryStep> = fc.record({
  task: fc.nat(),
  choice: fc.nat(),
  pick: fc.nat({ max: 1_000_000 }),
  gapMs: fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 5_000 }), weight: 5 },
    { arbitrary: fc.integer({ min: 0, max: 6 * HOUR }), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 10 * 24 * HOUR }), weight: 1 },
  ),
  durationMs: fc.oneof(
    fc.integer({ min: 0, max: 2_000 }),
    fc.integer({ min: 0, max: 2 * HOUR }),
    fc.double({ min: 0, max: 1e6, noNaN: true }),
  ),
  offsetTime: fc.boolean(),
});

/**
 * A history without randomness: `steps` steps a second apart over `taskCount` tasks, the task of
 * step i being `i * taskStride + 1` (so every task and the backlog take turns).
 */
export const regularHistory = (taskCount: number, steps: number, taskStride = 7): ProjectedEvent[] =>
  buildHistory(
    taskCount,
    Array.from({ length: steps }, (_, index) => ({
      task: index * taskStride + 1,
      choice: index * 3,
      pick: index * 11,
      gapMs: 1000,
      durationMs: 500,
      offsetTime: false,
    })),
  );

/** The same instant written with a +02:00 offset, as another machine might record it. */
const withOffset = (ms: number): string => new Date(ms + 2 * HOUR).toISOString().replace('Z', '+02:00');

/**
 * Turns random steps into a valid history (event-semantics.md): each step moves one task (or
 * the backlog) by one of the moves valid in its phase. Deterministic for the same steps.
 */
export const buildHistory = (
  taskCount: number,
  steps: readonly HistoryStep[],
  start = '2026-01-01T00:00:00.000Z',
): ProjectedEvent[] => {
  const sims = Array.from({ length: taskCount }, (_, index) => newTaskSim(index));
  let executions = 0;
  const clock: SimClock = { now: Date.parse(start), nextExecutionId: () => testUuid(0x100000 + ++executions) };
  const timed: TimedEvent[] = [];
  steps.forEach((step, index) => {
    clock.now += step.gapMs;
    const sim = step.task % 16 === 0 ? undefined : sims[step.task % taskCount];
    const events = sim ? pickMove(sim, step, clock) : [backlogParsed(index)];
    events.forEach((event, offset) => {
      const ms = clock.now + offset;
      timed.push({ at: step.offsetTime ? withOffset(ms) : new Date(ms).toISOString(), event });
    });
    clock.now += events.length;
  });
  return toProjected(timed);
};

const pickMove = (sim: ReturnType<typeof newTaskSim>, step: HistoryStep, clock: SimClock): LedgerEvent[] => {
  const moves = validMoves(sim);
  return moves[step.choice % moves.length]!(sim, step, clock);
};

/** Random valid histories over a few tasks, interleaved, with gaps from milliseconds to days. */
export const arbitraryHistory = (options: HistoryOptions = {}): fc.Arbitrary<ProjectedEvent[]> =>
  fc
    .record({
      tasks: fc.integer({ min: 1, max: options.maxTasks ?? 4 }),
      steps: fc.array(stepArbitrary, { maxLength: options.maxSteps ?? 60, size: 'max' }),
    })
    .map(({ tasks, steps }) => buildHistory(tasks, steps, options.start));
