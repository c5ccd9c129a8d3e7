import fc from 'fast-check';
import { ErrorCategory, ErrorSeverity, RetryPolicy } from '@taskledger/events';
import { RetryPolicies } from './retry-policy';
import { replayExecution } from './what-if';
import { AttemptResult, RecordedExecution } from './what-if.history';
import { whatIf } from './what-if.report';

const categories = ErrorCategory.options;

const failure: fc.Arbitrary<AttemptResult> = fc.record({
  kind: fc.constant('failed' as const),
  category: fc.constantFrom(...categories),
  severity: fc.constantFrom(...ErrorSeverity.options),
  errorType: fc.constantFrom('process', 'spawn', 'interrupted', 'abandoned'),
});

const recordedExecution = (index: number): fc.Arbitrary<RecordedExecution> =>
  fc
    .record({
      failures: fc.array(failure, { maxLength: 5 }),
      end: fc.constantFrom('completed', 'failed', 'running', 'retrying'),
      delays: fc.array(fc.nat({ max: 60_000 }), { minLength: 6, maxLength: 6 }),
    })
    .map(({ failures, end, delays }) => {
      const last: AttemptResult[] =
        end === 'completed' ? [{ kind: 'completed' }] : end === 'running' ? [{ kind: 'running' }] : [];
      const results = [...failures, ...last];
      const attempts = results.map((result, at) => ({
        attempt: at + 1,
        result,
        retryDelayMs:
          result.kind === 'failed' && (at < results.length - 1 || end === 'retrying') ? (delays[at] ?? 0) : null,
      }));
      const outcome =
        end === 'completed' ? 'completed' : end === 'failed' && failures.length > 0 ? 'failed' : 'unfinished';
      return { taskId: `B-${index % 7}`, executionId: `exec-${index}`, attempts, outcome } as RecordedExecution;
    });

const executions = fc
  .integer({ min: 0, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, index) => recordedExecution(index))));

const policy = (category: ErrorCategory): fc.Arbitrary<RetryPolicy> =>
  fc.record({
    category: fc.constant(category),
    maxRetries: fc.integer({ min: 0, max: 6 }),
    baseDelayMs: fc.integer({ min: 0, max: 10_000 }),
    multiplier: fc.double({ min: 1, max: 3, noNaN: true }),
    maxDelayMs: fc.integer({ min: 0, max: 60_000 }),
    jitter: fc.boolean(),
  });

const policies: fc.Arbitrary<RetryPolicies> = fc
  .tuple(...categories.map(policy))
  .map((list) => Object.fromEntries(list.map((p) => [p.category, p])) as unknown as RetryPolicies);

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

describe('what-if over any recorded executions and policies', () => {
  it('gives the same bytes for the same executions and policies', () =>
    fc.assert(
      fc.property(executions, policies, (recorded, replayed) => {
        expect(JSON.stringify(whatIf(recorded, replayed))).toBe(
          JSON.stringify(whatIf(structuredClone(recorded), replayed)),
        );
      }),
    ));

  it('uses no attempt the log does not hold, and accounts for every execution once', () =>
    fc.assert(
      fc.property(executions, policies, (recorded, replayed) => {
        const report = whatIf(recorded, replayed);
        recorded.forEach((execution) =>
          expect(replayExecution(execution, replayed).attempts).toBeLessThanOrEqual(execution.attempts.length),
        );
        for (const tally of [report.total.recorded, report.total.replayed]) {
          expect(tally.succeeded + tally.failed + tally.unknown + tally.unfinished).toBe(recorded.length);
        }
        expect(sum(report.byCategory.map((row) => row.replayed.retries))).toBe(report.total.replayed.retries);
        expect(sum(report.byCategory.map((row) => row.replayed.waitMs))).toBe(report.total.replayed.waitMs);
      }),
    ));

  it('never stops earlier when every category may retry more', () =>
    fc.assert(
      fc.property(executions, policies, fc.integer({ min: 1, max: 4 }), (recorded, replayed, more) => {
        const generous = Object.fromEntries(
          categories.map((category) => [
            category,
            { ...replayed[category], maxRetries: replayed[category].maxRetries + more },
          ]),
        ) as unknown as RetryPolicies;
        recorded.forEach((execution) =>
          expect(replayExecution(execution, generous).attempts).toBeGreaterThanOrEqual(
            replayExecution(execution, replayed).attempts,
          ),
        );
      }),
    ));

  it('retries nothing but interruptions when no category allows a retry', () =>
    fc.assert(
      fc.property(executions, policies, (recorded, replayed) => {
        const none = Object.fromEntries(
          categories.map((category) => [category, { ...replayed[category], maxRetries: 0 }]),
        ) as unknown as RetryPolicies;
        recorded.forEach((execution) => {
          const replay = replayExecution(execution, none);
          const interruptions = execution.attempts.filter(
            ({ result }) => result.kind === 'failed' && result.errorType === 'interrupted',
          ).length;
          expect(replay.retries.length).toBeLessThanOrEqual(interruptions);
          expect(replay.retries.every((retry) => retry.delayMs === 0)).toBe(true);
        });
      }),
    ));
});
