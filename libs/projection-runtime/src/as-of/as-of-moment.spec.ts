import { isTaskledgerError } from '@taskledger/errors';
import { parseAsOf } from './as-of-moment';

const timeOf = (text: string): string => {
  const moment = parseAsOf(text);
  if (moment.kind !== 'time') throw new Error(`${text} parsed as a position`);
  return new Date(moment.time).toISOString();
};

const failure = (text: string): string => {
  try {
    parseAsOf(text);
  } catch (error) {
    if (isTaskledgerError(error, 'InvalidArgument')) return error.message;
    throw error;
  }
  throw new Error(`${text} was accepted`);
};

describe('parsing <when> for --as-of and ?asOf=', () => {
  it('reads position:<n> as a ledger position', () => {
    expect(parseAsOf('position:42')).toEqual({ kind: 'position', position: { commit: 42n, prepare: 42n } });
    expect(parseAsOf('position:0')).toMatchObject({ kind: 'position', position: { commit: 0n } });
    expect(parseAsOf('position:900/800')).toMatchObject({ position: { commit: 900n, prepare: 800n } });
  });

  it('reads a time with a zone as that instant', () => {
    expect(timeOf('2026-03-01T12:00:00Z')).toBe('2026-03-01T12:00:00.000Z');
    expect(timeOf('2026-03-01T14:00:00+02:00')).toBe('2026-03-01T12:00:00.000Z');
    expect(timeOf('2026-03-01T07:30:00.250-0430')).toBe('2026-03-01T12:00:00.250Z');
  });

  it('reads a time without a zone as UTC, seconds optional', () => {
    expect(timeOf('2026-03-01T12:00:00')).toBe('2026-03-01T12:00:00.000Z');
    expect(timeOf('2026-03-01T12:00')).toBe('2026-03-01T12:00:00.000Z');
    expect(timeOf('2026-03-01 12:00:05.5')).toBe('2026-03-01T12:00:05.500Z');
  });

  it('reads a date as the end of that day, UTC', () => {
    expect(timeOf('2026-03-01')).toBe('2026-03-01T23:59:59.999Z');
    expect(timeOf('2024-02-29')).toBe('2024-02-29T23:59:59.999Z');
  });

  it('refuses anything else, naming the accepted forms', () => {
    for (const text of [
      '',
      'yesterday',
      '2026-02-30',
      '2026-13-01',
      '2026-03-01T25:00',
      'position:',
      'position:-1',
      '1700000000',
    ]) {
      expect(failure(text)).toMatch(/^as-of ".*" .*; expected an ISO-8601 time .*a date .*position:<n>/);
    }
  });
});
