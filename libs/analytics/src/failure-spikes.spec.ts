import { failureRateSpikes } from './failure-spikes';

describe('failure-rate spikes per day', () => {
  const days = {
    '2026-01-01': { executions: 10, failures: 1 },
    '2026-01-02': { executions: 10, failures: 1 },
    '2026-01-03': { executions: 10, failures: 1 },
    '2026-01-04': { executions: 10, failures: 7 },
  };

  it('given a baseline of 10/40 = 0.25, flags the day at 0.7, above 0.25 + 3 sqrt(0.25 * 0.75 / 10) = 0.6608', () => {
    expect(failureRateSpikes(days)).toEqual([
      { day: '2026-01-04', executions: 10, failures: 7, failureRate: 0.7, baselineRate: 0.25, upperLimit: 0.6608 },
    ]);
  });

  it('given a day with fewer executions than the minimum, it is not judged however bad it looks', () => {
    // baseline 33/304 = 0.1086; for 4 executions the limit is 0.1086 + 3 sqrt(0.1086 * 0.8914 / 4) = 0.575 < 0.75
    const busy = { executions: 100, failures: 10 };
    const small = {
      '2026-02-01': busy,
      '2026-02-02': busy,
      '2026-02-03': busy,
      '2026-02-04': { executions: 4, failures: 3 },
    };
    expect(failureRateSpikes(small)).toEqual([]);
    expect(failureRateSpikes(small, { minExecutions: 4 }).map((spike) => [spike.day, spike.upperLimit])).toEqual([
      ['2026-02-04', 0.5752],
    ]);
  });

  it('given no executions or no failures at all, there is no spike', () => {
    expect(failureRateSpikes({})).toEqual([]);
    expect(failureRateSpikes({ '2026-01-01': { executions: 9, failures: 0 } })).toEqual([]);
  });
});
