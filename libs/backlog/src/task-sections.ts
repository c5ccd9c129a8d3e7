import type { ParseWarning } from './backlog.types';
import { listItemOf } from './markdown-lines';
import { newSighting, type Sighting } from './sighting';
import { classifyStatus, normaliseKey } from './task-fields';
import { HYPHENS, isInvalidIdLike, LEADING_ID, normaliseTaskId } from './task-ids';

const SEPARATOR = /^[ \t]*(?:[:—–-][ \t]*)?/;
const ID_LIKE_TOKEN = new RegExp(`^([A-Z]{1,5}[${HYPHENS}][A-Za-z0-9?]+)[ \\t]*[:—–]`);

/** Reads `Title** trailer` (bold still open) or `Title` into title and trailer. */
const splitTitle = (rest: string, boldOpen: boolean): { title: string; trailer: string } => {
  if (!boldOpen) return { title: rest.trim(), trailer: '' };
  const close = rest.indexOf('**');
  return close === -1
    ? { title: rest.trim(), trailer: '' }
    : { title: rest.slice(0, close).trim(), trailer: rest.slice(close + 2).trim() };
};

const invalidIdWarning = (token: string, line: number): ParseWarning => ({
  line,
  code: 'INVALID_TASK_ID',
  message: `${token} looks like a task id but is not one (expected letters, a hyphen and digits, e.g. B-049); not read as a task`,
});

/** Warns when text starts like a task (`B-XXXX: ...`) with an id that is not valid. */
export const checkInvalidId = (text: string, line: number, warnings: ParseWarning[]): void => {
  const token = ID_LIKE_TOKEN.exec(text.replace(/^\*\*/, ''))?.[1];
  if (token !== undefined && isInvalidIdLike(token)) warnings.push(invalidIdWarning(token, line));
};

export interface BoldIdHead {
  rawId: string;
  /** What follows the id (and a `**` closing right after it). */
  rest: string;
  /** True when a `**` opened before the id is still open (the title is bold too). */
  boldOpen: boolean;
}

/**
 * Reads an id at the start of `text`, optionally inside `**`: `**B-1**: …`, `**B-1: …`, `B-1 — …`.
 * Null (with a warning for id-like text that is not a valid id) when there is none.
 */
export const readBoldId = (text: string, line: number, warnings: ParseWarning[]): BoldIdHead | null => {
  let rest = text;
  let boldOpen = rest.startsWith('**');
  if (boldOpen) rest = rest.slice(2);
  const match = LEADING_ID.exec(rest);
  if (!match) {
    checkInvalidId(text, line, warnings);
    return null;
  }
  const rawId = match[1] as string;
  rest = rest.slice(rawId.length);
  if (boldOpen && rest.startsWith('**')) {
    rest = rest.slice(2);
    boldOpen = false;
  }
  return { rawId, rest, boldOpen };
};

/** A `### **B-1061: Title** 🆕 **NEW**` or `### B-1024: Title` heading as a task section, or null. */
export const headingSighting = (text: string, line: number, warnings: ParseWarning[]): Sighting | null => {
  const head = readBoldId(text, line, warnings);
  if (!head) return null;
  const { rawId, boldOpen } = head;
  const rest = head.rest.replace(SEPARATOR, '');
  const { title, trailer } = splitTitle(rest, boldOpen);
  const sighting = newSighting('section', line, normaliseTaskId(rawId), rawId, title === '' ? null : title);
  const hint = classifyStatus(trailer);
  if (hint !== null) sighting.statusHint = { status: hint, raw: trailer };
  return sighting;
};

export interface FieldLine {
  key: string;
  value: string;
}

const FIELD = /^\*\*([^*\n]{1,80})\*\*[ \t]*(:?)[ \t]*(.*)$/;

/**
 * A `- **Key**: value` / `**Key:** value` line of a task written as a section or list item.
 * Sections take top-level bullets, list items take nested bullets; both take bold-key paragraphs.
 */
export const fieldLineOf = (line: string, mode: 'section' | 'list'): FieldLine | null => {
  const item = listItemOf(line);
  if (item !== null && (mode === 'section' ? item.indent > 1 : item.indent < 2)) return null;
  if (item === null && !/^ {0,3}\*\*/.test(line)) return null;
  const match = FIELD.exec(item ? item.content : line.trim());
  if (!match) return null;
  const rawKey = (match[1] as string).trim();
  if (!rawKey.endsWith(':') && match[2] !== ':') return null;
  return { key: normaliseKey(rawKey), value: (match[3] as string).trim() };
};
