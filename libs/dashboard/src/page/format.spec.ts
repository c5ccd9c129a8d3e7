import { attemptLabel, formatDuration, formatPercent, formatTime, plural, priorityIcon, statusSymbol } from './format';

describe('the page formats numbers the way people read them', () => {
  it('shows durations in ms, s, min and h, and a dash when unknown', () => {
    expect([406, 2276, 245_000, 7_800_000].map(formatDuration)).toEqual(['406 ms', '2.3 s', '4 min 5 s', '2 h 10 min']);
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('shows rates as percentages with one decimal', () => {
    expect(formatPercent(0.8)).toBe('80.0%');
    expect(formatPercent(0.66667)).toBe('66.7%');
    expect(formatPercent(null)).toBe('—');
  });

  it('shows times in UTC to the second', () => {
    expect(formatTime('2026-12-07T22:28:56.122Z')).toBe('2026-12-07 22:28:56 UTC');
    expect(formatTime(null)).toBe('—');
  });

  it('gives every priority and status a symbol, so colour is never the only signal', () => {
    expect(['critical', 'high', 'medium', 'low'].map(priorityIcon)).toEqual(['🔥', '📈', '⭐', '🔧']);
    expect(['completed', 'failed', 'running', 'skipped'].map(statusSymbol)).toEqual(['✓', '✕', '▶', '⤼']);
    expect(plural(1, 'event')).toBe('1 event');
    expect(plural(3, 'event')).toBe('3 events');
  });

  it('labels an attempt with its outcome, category, duration and retry delay', () => {
    const failed = { attempt: 1, outcome: 'failed', category: 'network', start: 0, end: 454, retryAt: 554 };
    expect(attemptLabel(failed)).toBe('#1 failed (network) after 454 ms, retried after 100 ms');
    expect(attemptLabel({ ...failed, attempt: 2, outcome: 'running', category: null, end: null, retryAt: null })).toBe(
      '#2 running, still running',
    );
  });
});
