import type { RunCounts } from '@taskledger/runner';
import { countsLine } from './run-summary';

describe('the run counts line', () => {
  it('counts retries as retries (two tasks retried three times: 3 retries), in the singular for one', () => {
    const counts: RunCounts = {
      started: 8,
      completed: 4,
      failed: 1,
      skipped: 2,
      retried: 3,
      abandoned: 0,
      interrupted: 0,
    };
    expect(countsLine(counts, 5_600)).toBe(
      'This run: 4 completed, 1 failed, 2 skipped, 3 retries (8 attempts) in 5.6 s',
    );
    expect(countsLine({ ...counts, retried: 1 }, 5_600)).toContain(', 1 retry (8 attempts)');
  });
});
