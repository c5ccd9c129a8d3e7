import fc from 'fast-check';
import { durationAnomalies } from './duration-anomalies';
import { ExecutionOutcome } from './success-prediction';

const run = (taskId: string, minute: number, durationMs: number): ExecutionOutcome => ({
  taskId,
  executionId: `${taskId}-${minute}`,
  at: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  success: true,
  durationMs,
});

const steady = [10, 11, 12, 10, 11, 12, 10, 11, 12].map((seconds, i) => run('B-1', i, seconds * 1000));

describe('duration anomalies', () => {
  it('given nine runs of 10-12 s and one of 100 s, flags the 100 s run (z = 0.6745 * 89 / 1 = 60.03)', () => {
    const anomalies = durationAnomalies([...steady, run('B-1', 20, 100_000)]);
    expect(anomalies).toEqual([
      {
        taskId: 'B-1',
        executionId: 'B-1-20',
        at: '2026-01-01T00:20:00.000Z',
        durationMs: 100_000,
        method: 'robust-z',
        score: 60.031,
        direction: 'slow',
        medianMs: 11_000,
        history: 10,
      },
    ]);
  });

  it('given a short history, flags only runs above twice the reference p99', () => {
    const short = [run('B-2', 1, 1000), run('B-2', 2, 5000), run('B-2', 3, 9000)];
    expect(durationAnomalies(short)).toEqual([]);
    expect(durationAnomalies(short, { referenceP99Ms: 4000 }).map((a) => [a.executionId, a.method, a.score])).toEqual([
      ['B-2-3', 'p99-multiple', 2.25],
    ]);
  });

  it('given failures, they are not judged (no duration)', () => {
    expect(
      durationAnomalies([{ ...run('B-3', 1, 0), success: false, durationMs: null }], { referenceP99Ms: 1 }),
    ).toEqual([]);
  });

  it('does not depend on the order of its input', () => {
    const runs = fc.array(
      fc.record({
        task: fc.constantFrom('B-1', 'B-2'),
        minute: fc.nat(10_000),
        durationMs: fc.integer({ min: 0, max: 1_000_000 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(
        runs.chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length }))),
        ([items, shuffled]) => {
          const toOutcomes = (list: typeof items) => list.map((item) => run(item.task, item.minute, item.durationMs));
          const options = { referenceP99Ms: 200_000, minHistory: 5 };
          expect(durationAnomalies(toOutcomes(shuffled), options)).toEqual(
            durationAnomalies(toOutcomes(items), options),
          );
        },
      ),
    );
  });
});
