import { buildAttempts, HistoryEvent, layoutTimeline, MIN_BAR_PERCENT } from './timeline';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, 0, ms)).toISOString();
let position = 0;
const event = (type: string, ms: number, data: Record<string, unknown>): HistoryEvent => ({
  position: String((position += 1)),
  revision: position,
  id: `e${position}`,
  type,
  occurredAt: at(ms),
  data: { taskId: 'EX-2', executionId: 'x1', ...data },
  metadata: { actor: 'cli:test', correlationId: 'c1' },
});

/** EX-2 of the examples: two network failures, retried after 100 and 200 ms, then a success. */
const flakyDownload = (): HistoryEvent[] => [
  event('TaskRegistered', 0, {}),
  event('TaskExecutionStarted', 0, { attempt: 1 }),
  event('TaskProgressReported', 100, { attempt: 1, progress: 0.33, message: 'downloading 1/3' }),
  event('TaskAttemptFailed', 400, { attempt: 1, classification: { category: 'network' }, error: { message: 'reset' } }),
  event('TaskRetryScheduled', 400, { failedAttempt: 1, nextAttempt: 2, delayMs: 100, notBefore: at(500) }),
  event('TaskExecutionStarted', 500, { attempt: 2 }),
  event('TaskAttemptFailed', 900, { attempt: 2, classification: { category: 'network' }, error: { message: 'reset' } }),
  event('TaskRetryScheduled', 900, { failedAttempt: 2, nextAttempt: 3, delayMs: 200, notBefore: at(1100) }),
  event('TaskExecutionStarted', 1100, { attempt: 3 }),
  event('TaskExecutionCompleted', 2000, { attempt: 3, durationMs: 900 }),
];

describe('the task timeline', () => {
  it('has one attempt per start, with its outcome, category, retry time and progress', () => {
    const attempts = buildAttempts(flakyDownload());
    expect(attempts.map((a) => [a.attempt, a.outcome, a.category])).toEqual([
      [1, 'failed', 'network'],
      [2, 'failed', 'network'],
      [3, 'completed', null],
    ]);
    expect(attempts[0]!.retryAt! - attempts[0]!.end!).toBe(100);
    expect(attempts[0]!.progress).toEqual([{ at: Date.parse(at(100)), progress: 0.33, message: 'downloading 1/3' }]);
  });

  it('draws the attempts to one time scale, retry gaps between them', () => {
    const layout = layoutTimeline(buildAttempts(flakyDownload()), Date.parse(at(5000)));
    expect(layout.bars.map((b) => [b.bar.left, b.bar.width])).toEqual([
      [0, 20],
      [25, 20],
      [55, 45],
    ]);
    expect(layout.bars.map((b) => b.retry)).toEqual([{ left: 20, width: 5 }, { left: 45, width: 10 }, null]);
    expect(layout.bars[0]!.marks.map((m) => m.left)).toEqual([5]);
  });

  it('lets a running attempt grow to now, and an abandoned one end where it was given up', () => {
    const running = [event('TaskExecutionStarted', 0, { attempt: 1 })];
    expect(layoutTimeline(buildAttempts(running), Date.parse(at(1000))).bars[0]!.bar).toEqual({ left: 0, width: 100 });
    const abandoned = buildAttempts([...running, event('TaskExecutionAbandoned', 300, { attempt: 1 })]);
    expect(abandoned.map((a) => [a.outcome, a.end! - a.start])).toEqual([['abandoned', 300]]);
  });

  it('keeps a very short attempt visible', () => {
    const attempts = buildAttempts([
      event('TaskExecutionStarted', 0, { attempt: 1 }),
      event('TaskAttemptFailed', 1, { attempt: 1, classification: { category: 'timeout' } }),
      event('TaskExecutionStarted', 10_000, { executionId: 'x2', attempt: 1 }),
      event('TaskExecutionCompleted', 20_000, { executionId: 'x2', attempt: 1 }),
    ]);
    const [short] = layoutTimeline(attempts, Date.parse(at(20_000))).bars;
    expect(short!.bar.width).toBe(MIN_BAR_PERCENT);
  });

  it('ignores events it does not draw and an empty history', () => {
    expect(buildAttempts([event('TaskRegistered', 0, {}), event('ErrorReclassified', 5, { attempt: 1 })])).toEqual([]);
    expect(layoutTimeline([], 0).bars).toEqual([]);
  });
});
