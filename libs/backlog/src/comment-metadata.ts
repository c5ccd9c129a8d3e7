import { normaliseKey } from './task-fields';

/** One `key: value` read from an HTML comment. */
export interface CommentEntry {
  key: string;
  rawKey: string;
  value: string;
  line: number;
}

export interface CommentBlock {
  entries: CommentEntry[];
  /** Index of the last line the comment(s) occupied. */
  endIndex: number;
  /** False when the comment was cut off by a terminator line or the end of the file. */
  closed: boolean;
}

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * Joins the lines of a comment value like a markdown paragraph: a formatter's soft wrap becomes a
 * space; blank lines, indented lines and list/numbered lines keep their line break.
 */
export const joinValueLines = (lines: readonly string[]): string => {
  let result = '';
  let blank = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '') {
      blank = result !== '';
      continue;
    }
    if (result === '') result = trimmed;
    else if (blank) result += `\n\n${trimmed}`;
    else if (/^[ \t]/.test(line) || LIST_MARKER.test(trimmed)) result += `\n${line.trimEnd()}`;
    else result += ` ${trimmed}`;
    blank = false;
  }
  return result;
};

const isKeyStart = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isKeyChar = (code: number): boolean =>
  isKeyStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46;
const isBlank = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

/** Reads `key: value` from `text[from, to)` (a comment body) without regular expressions. */
const entryOf = (text: string, from: number, to: number, line: number): CommentEntry | null => {
  let at = from;
  while (at < to && isBlank(text.charCodeAt(at))) at++;
  const keyStart = at;
  if (at >= to || !isKeyStart(text.charCodeAt(at))) return null;
  while (at < to && isKeyChar(text.charCodeAt(at))) at++;
  const rawKey = text.slice(keyStart, at);
  while (at < to && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
  if (at >= to || text.charCodeAt(at) !== 58) return null;
  const rest = text.slice(at + 1, to);
  const value = rest.includes('\n') ? joinValueLines(rest.split('\n')) : rest.trim();
  return { key: normaliseKey(rawKey), rawKey, value, line };
};

/**
 * Reads the comment(s) starting on `lines[start]` (whose trimmed text starts with `<!--`), following
 * a comment over several lines until `-->`. A comment never closed stops before a line for which
 * `isTerminator` is true (a task row, a heading, another comment) and is reported as not closed.
 */
export const readComments = (
  lines: readonly string[],
  start: number,
  isTerminator: (line: string) => boolean,
): CommentBlock => {
  const entries: CommentEntry[] = [];
  let entry: CommentEntry | null;
  let index = start;
  let bodyStart = start;
  let text = lines[start] as string;
  let from = text.indexOf('<!--') + 4;
  let body = '';
  for (;;) {
    const close = text.indexOf('-->', from);
    if (close !== -1) {
      if (body === '') entry = entryOf(text, from, close, bodyStart + 1);
      else entry = entryOf(body + text.slice(from, close), 0, body.length + close - from, bodyStart + 1);
      if (entry) entries.push(entry);
      let next = close + 3;
      while (next < text.length && isBlank(text.charCodeAt(next))) next++;
      if (!text.startsWith('<!--', next)) return { entries, endIndex: index, closed: true };
      from = next + 4;
      body = '';
      bodyStart = index;
      continue;
    }
    body += `${text.slice(from)}\n`;
    const following = lines[index + 1];
    if (following === undefined || isTerminator(following)) {
      entry = entryOf(body, 0, body.length, bodyStart + 1);
      if (entry) entries.push(entry);
      return { entries, endIndex: index, closed: false };
    }
    index++;
    text = following;
    from = 0;
  }
};
