import { checkTimeZone, naiveLocalToUtc } from './local-time';

describe('naive local times read in a zone', () => {
  it('shifts by the zone’s offset in force that day (summer and winter time)', () => {
    expect(naiveLocalToUtc('2025-08-10T09:10:53', 'Europe/Berlin')).toBe('2025-08-10T07:10:53.000Z');
    expect(naiveLocalToUtc('2025-01-10 09:10:53', 'Europe/Berlin')).toBe('2025-01-10T08:10:53.000Z');
    expect(naiveLocalToUtc('2025-08-10T09:10:53.250', 'America/New_York')).toBe('2025-08-10T13:10:53.250Z');
    expect(naiveLocalToUtc('2025-08-10T09:10:53', 'UTC')).toBe('2025-08-10T09:10:53.000Z');
  });

  it('reads a time repeated when the clocks go back as its first occurrence, and a skipped one forward', () => {
    expect(naiveLocalToUtc('2025-10-26T02:30:00', 'Europe/Berlin')).toBe('2025-10-26T00:30:00.000Z');
    expect(naiveLocalToUtc('2025-03-30T02:30:00', 'Europe/Berlin')).toBe('2025-03-30T01:30:00.000Z');
  });

  it('gives null for text that is no naive date and time', () => {
    expect(naiveLocalToUtc('yesterday', 'UTC')).toBeNull();
    expect(naiveLocalToUtc('2025-08-10', 'UTC')).toBeNull();
  });

  it('rejects a zone that is not an IANA name, naming --timezone', () => {
    expect(checkTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(() => checkTimeZone('Middle/Earth')).toThrow(/--timezone "Middle\/Earth" is not an IANA time zone/);
  });
});
