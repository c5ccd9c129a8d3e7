import { formatTime } from './format';

/** The page-URL query parameter that holds the moment (the API's `?asOf=`). */
export const AS_OF_PARAM = 'asOf';

/** The position and time an as-of answer stands at (the API's `asOf` body field). */
export interface AsOfShown {
  position: string | null;
  time: string | null;
}

/** What the header's control holds: a UTC time (a datetime-local value) or a ledger position. */
export type MomentInput = { kind: 'time' | 'position'; value: string };

/** The moment in the page URL, or null when the page is live. */
export const momentOf = (pageUrl: string): string | null => new URL(pageUrl).searchParams.get(AS_OF_PARAM) || null;

/** The page URL showing `moment` (null: live again); the route in the hash stays. */
export const urlWithMoment = (pageUrl: string, moment: string | null): string => {
  const url = new URL(pageUrl);
  if (moment === null) url.searchParams.delete(AS_OF_PARAM);
  else url.searchParams.set(AS_OF_PARAM, moment);
  return url.toString();
};

/** The moment the control names (a time is UTC, as the ledger's clock), or null when it is empty. */
export const momentFromInput = (input: MomentInput): string | null => {
  const value = input.value.trim();
  if (value === '') return null;
  return input.kind === 'position' ? `position:${value}` : `${value}Z`;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/** The control's value for a moment from the URL: times in UTC, a date as the last second of that day. */
export const inputFromMoment = (moment: string): MomentInput => {
  const text = moment.trim();
  const position = /^position:(\d+(?:\/\d+)?)$/i.exec(text);
  if (position) return { kind: 'position', value: position[1] ?? '' };
  const time = DATE.test(text) ? `${text}T23:59:59Z` : ZONE.test(text) ? text : `${text}Z`;
  const ms = Date.parse(time);
  return { kind: 'time', value: Number.isNaN(ms) ? '' : new Date(ms).toISOString().slice(0, 19) };
};

const BACK = 'Live updates are paused; press “Now” to go back to live.';

/** The banner over an as-of page: which position and time it shows, in words. */
export const asOfBanner = (shown: AsOfShown): string =>
  shown.position === null
    ? `As of before the first event: the ledger was empty then. ${BACK}`
    : `As of ledger position ${shown.position} (${formatTime(shown.time)}): every view shows the ledger as it stood then. ${BACK}`;

/** The message for a moment the API refused (400), naming the forms it accepts. */
export const asOfProblem = (moment: string): string =>
  `The as-of moment “${moment}” is not one the ledger can read. Use a time (2026-03-01T12:00:00Z; no zone = UTC), ` +
  'a date (2026-03-01 = the end of that day, UTC) or position:<n> (a ledger position), or press “Now” for the live ledger.';
