import { projectionHealth } from './health';

const live = { state: 'live', lag: 0, deadLetters: 0, failure: null };

describe('the projection health corner', () => {
  it('is fine when every read model is caught up with no dead letters', () => {
    expect(projectionHealth([live, live])).toEqual({ bad: false, text: '✓ lag 0 · dead letters 0' });
  });

  it('is marked bad, in words too, on lag, dead letters or a failed projection', () => {
    expect(projectionHealth([live, { ...live, lag: 12 }])).toEqual({ bad: true, text: '⚠ lag 12 · dead letters 0' });
    expect(
      projectionHealth([
        { ...live, deadLetters: 2 },
        { ...live, deadLetters: 1 },
      ]).text,
    ).toBe('⚠ lag 0 · dead letters 3');
    expect(projectionHealth([{ ...live, state: 'failed', failure: { message: 'boom' } }])).toEqual({
      bad: true,
      text: '⚠ lag 0 · dead letters 0 · 1 failed',
    });
  });
});
