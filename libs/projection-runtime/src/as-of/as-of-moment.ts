import { TaskledgerError } from '@taskledger/errors';
import { parsePosition, Position } from '@taskledger/event-store';

/** A moment to read the ledger at: a ledger position, or a time (the log prefix stamped up to it). */
export type AsOfMoment = { kind: 'position'; position: Position } | { kind: 'time'; time: number; text: string };

/** What `--as-of` and `?asOf=` accept, for messages. */
export const AS_OF_FORMS =
  'an ISO-8601 time (2026-03-01T12:00:00Z, 2026-03-01T14:00:00+02:00; no zone = UTC), ' +
  'a date (2026-03-01 = the end of that day, UTC), or position:<n> (a ledger position)';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const END_OF_DAY_MS = 86_400_000 - 1;

const invalid = (text: string, why: string): TaskledgerError =>
  new TaskledgerError('InvalidArgument', `as-of "${text}" ${why}; expected ${AS_OF_FORMS}`, { asOf: text });

/** Milliseconds since the epoch of a calendar date and time of day, or NaN when a field is out of range. */
const utcMs = (fields: number[]): number => {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = fields;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  const valid =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  return valid ? ms : NaN;
};

const zoneOffsetMs = (zone: string | undefined): number => {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
};

const parseTime = (text: string): AsOfMoment => {
  const date = DATE.exec(text);
  if (date) {
    const ms = utcMs(date.slice(1, 4).map(Number));
    if (Number.isNaN(ms)) throw invalid(text, 'is not a calendar date');
    return { kind: 'time', time: ms + END_OF_DAY_MS, text };
  }
  const match = DATE_TIME.exec(text);
  if (!match) throw invalid(text, 'is not a time, date or position');
  const ms = utcMs(match.slice(1, 7).map((field) => Number(field ?? 0)));
  if (Number.isNaN(ms)) throw invalid(text, 'is not a valid time');
  const fraction = match[7] === undefined ? 0 : Math.floor(Number(`0${match[7]}`) * 1000);
  return { kind: 'time', time: ms + fraction - zoneOffsetMs(match[8]), text };
};

/**
 * Parses `<when>`: `position:<n>`, an ISO-8601 time (no zone = UTC), or a date (the end of that
 * day, UTC). A malformed value is TaskledgerError('InvalidArgument') naming the accepted forms.
 */
export const parseAsOf = (given: string): AsOfMoment => {
  const text = given.trim();
  if (/^position:/i.test(text)) {
    const value = text.slice('position:'.length);
    if (!/^\d+(\/\d+)?$/.test(value)) throw invalid(given, 'has no position number after "position:"');
    return { kind: 'position', position: parsePosition(value) };
  }
  return parseTime(text);
};
