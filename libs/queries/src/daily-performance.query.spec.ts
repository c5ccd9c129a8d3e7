import { buildLedger, scenario } from '../test/ledger';
import { dailyPerformance } from './daily-performance.query';

describe('daily performance', () => {
  it('gives each day its ended executions and the percentiles of its successful durations', async () => {
    const report = await dailyPerformance((await buildLedger(scenario())).readStore);
    expect(report.ledgerPosition).toBe('16');
    expect(report.days).toHaveLength(1);
    const [day] = report.days;
    expect(day).toMatchObject({ day: '2026-01-05', executions: 3, successes: 2, failures: 1 });
    expect(day!.p50DurationMs).toBeGreaterThan(0);
    expect(day!.p50DurationMs!).toBeLessThanOrEqual(day!.p95DurationMs!);
    expect(day!.p95DurationMs!).toBeLessThanOrEqual(day!.p99DurationMs!);
  });

  it('is empty on a ledger with no ended execution', async () => {
    expect((await dailyPerformance((await buildLedger([])).readStore)).days).toEqual([]);
  });
});
