import { asOfBanner, asOfProblem, inputFromMoment, momentFromInput, momentOf, urlWithMoment } from './as-of';

describe('the as-of moment in the page URL', () => {
  it('reads the moment from the query, live (null) when absent or empty', () => {
    expect(momentOf('http://h:3000/?asOf=position%3A12#/tasks')).toBe('position:12');
    expect(momentOf('http://h:3000/#/tasks')).toBeNull();
    expect(momentOf('http://h:3000/?asOf=#/tasks')).toBeNull();
  });

  it('sets and clears the moment, keeping the route in the hash', () => {
    const set = urlWithMoment('http://h:3000/#/task/EX-2', 'position:12');
    expect(set).toBe('http://h:3000/?asOf=position%3A12#/task/EX-2');
    expect(momentOf(set)).toBe('position:12');
    expect(urlWithMoment(set, null)).toBe('http://h:3000/#/task/EX-2');
  });
});

describe('the as-of control', () => {
  it('turns a UTC date and time or a ledger position into a moment, nothing when empty', () => {
    expect(momentFromInput({ kind: 'time', value: '2026-03-01T12:00' })).toBe('2026-03-01T12:00Z');
    expect(momentFromInput({ kind: 'time', value: '2026-03-01T12:00:30' })).toBe('2026-03-01T12:00:30Z');
    expect(momentFromInput({ kind: 'position', value: ' 42 ' })).toBe('position:42');
    expect(momentFromInput({ kind: 'position', value: '' })).toBeNull();
    expect(momentFromInput({ kind: 'time', value: '' })).toBeNull();
  });

  it('shows a moment from a shared URL in the control, in UTC (a date is the end of that day)', () => {
    expect(inputFromMoment('position:42')).toEqual({ kind: 'position', value: '42' });
    expect(inputFromMoment('2026-03-01T14:00:00+02:00')).toEqual({ kind: 'time', value: '2026-03-01T12:00:00' });
    expect(inputFromMoment('2026-03-01T12:00')).toEqual({ kind: 'time', value: '2026-03-01T12:00:00' });
    expect(inputFromMoment('2026-03-01')).toEqual({ kind: 'time', value: '2026-03-01T23:59:59' });
    expect(inputFromMoment('yesterday')).toEqual({ kind: 'time', value: '' });
  });

  it('says in words which position and time the page shows, and that live updates wait', () => {
    expect(asOfBanner({ position: '12', time: '2026-12-07T22:28:56.123Z' })).toBe(
      'As of ledger position 12 (2026-12-07 22:28:56 UTC): every view shows the ledger as it stood then. Live updates are paused; press “Now” to go back to live.',
    );
    expect(asOfBanner({ position: null, time: null })).toBe(
      'As of before the first event: the ledger was empty then. Live updates are paused; press “Now” to go back to live.',
    );
  });

  it('names the accepted forms when the API refuses a moment', () => {
    const message = asOfProblem('yesterday');
    expect(message).toContain('“yesterday”');
    expect(message).toContain('2026-03-01T12:00:00Z');
    expect(message).toContain('2026-03-01');
    expect(message).toContain('position:<n>');
  });
});
