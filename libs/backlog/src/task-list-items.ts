import type { ParseWarning } from './backlog.types';
import { newSighting, setField, type EntrySource, type Sighting } from './sighting';
import { classifyStatus, parsePriority, parseStatus, stripMarkdown } from './task-fields';
import { normaliseTaskId } from './task-ids';
import { readBoldId } from './task-sections';

const INLINE: EntrySource = { origin: 'inline', key: 'list_item' };
const LEADING_STATUS_ICON = /^(✅|☑️|✔️|🔄|🔒|⏳|🆕)[ \t]*/u;
const SEPARATOR = /^[ \t]*[:—–-][ \t]*/;
const GROUP = /\(([^()]*)\)/g;
const SCORE = /^score[ \t:]*(\d+(?:\.\d+)?)$/i;
const POINTS = /^(\d+(?:\.\d+)?)[ \t]*(?:points?|pts)(?:[ \t]*,[ \t]*(.+))?$/i;
const PRIORITY = /^(\p{Extended_Pictographic}\uFE0F?)[ \t]*priority$/iu;
const STATUS = /^(?:✅|🔄|🔒|⏳|🆕)/u;

/** Applies one recognised `(...)` group; false when the group is ordinary title text like `(Dense + Sparse)`. */
const applyGroup = (sighting: Sighting, group: string, line: number, warnings: ParseWarning[]): boolean => {
  const text = group.trim();
  const score = SCORE.exec(text);
  if (score) setField(sighting, 'scoreTotal', Number(score[1]), line, warnings, INLINE);
  const points = score ? null : POINTS.exec(text);
  if (points) {
    setField(sighting, 'points', Number(points[1]), line, warnings, INLINE);
    if (points[2] !== undefined) setField(sighting, 'status', parseStatus(points[2]), line, warnings, INLINE);
  }
  const priority = score || points ? null : PRIORITY.exec(text);
  if (priority) setField(sighting, 'priority', parsePriority(priority[1] as string), line, warnings, INLINE);
  const status = score || points || priority ? false : STATUS.test(text);
  if (status) setField(sighting, 'status', parseStatus(text), line, warnings, INLINE);
  return Boolean(score || points || priority || status);
};

/** Applies every recognised group; `before` is the text ahead of the first one, `after` the rest without them. */
const readGroups = (
  sighting: Sighting,
  text: string,
  line: number,
  warnings: ParseWarning[],
): { before: string; after: string } => {
  let firstStart = -1;
  let after = '';
  let last = 0;
  for (const match of text.matchAll(GROUP)) {
    if (!applyGroup(sighting, match[1] as string, line, warnings)) continue;
    if (firstStart === -1) firstStart = match.index;
    else after += text.slice(last, match.index);
    last = match.index + match[0].length;
  }
  if (firstStart === -1) return { before: text.trim(), after: '' };
  return { before: text.slice(0, firstStart).trim(), after: (after + text.slice(last)).trim() };
};

const applyTrailer = (sighting: Sighting, trailer: string, line: number, warnings: ParseWarning[]): void => {
  const plain = stripMarkdown(trailer);
  if (plain === '' || sighting.fields.status !== undefined) return;
  if (classifyStatus(plain) !== null) setField(sighting, 'status', parseStatus(trailer), line, warnings, INLINE);
};

interface ListItemHead {
  icon: string | null;
  rawId: string;
  /** Text after the id and its separator. */
  rest: string;
  /** The `**` opened before the id is still open (`**B-1: Title** ...`). */
  boldOpen: boolean;
}

/** `✅ **B-1**: rest`, `**B-1: rest`, `B‑1 — rest` → the parts; null when the item does not start with an id. */
const readHead = (content: string, line: number, warnings: ParseWarning[]): ListItemHead | null => {
  const icon = LEADING_STATUS_ICON.exec(content);
  const head = readBoldId(icon ? content.slice(icon[0].length) : content, line, warnings);
  if (!head) return null;
  const { rawId, rest, boldOpen } = head;
  const separator = SEPARATOR.exec(rest);
  if (!separator) return null;
  return { icon: icon ? (icon[1] as string) : null, rawId, rest: rest.slice(separator[0].length), boldOpen };
};

/** Sets the title and recognised groups; returns what is left after them (a status trailer, perhaps). */
const readBody = (sighting: Sighting, head: ListItemHead, line: number, warnings: ParseWarning[]): string => {
  const close = head.boldOpen ? head.rest.indexOf('**') : -1;
  if (close === -1) {
    const { before, after } = readGroups(sighting, head.rest, line, warnings);
    sighting.title = before === '' ? null : before;
    return after;
  }
  const title = head.rest.slice(0, close).trim();
  const { before, after } = readGroups(sighting, head.rest.slice(close + 2), line, warnings);
  sighting.title = title === '' ? null : title;
  return `${before} ${after}`;
};

/**
 * A list item that declares a task: `B‑052‑e — Title (score 9.0)`, `**B-1058: Title** (score 9.5)`,
 * `**B-001** — Title (3 points, todo)`, `✅ **B‑065**: Title (✅ done)`. Returns null for other items.
 */
export const listItemSighting = (content: string, line: number, warnings: ParseWarning[]): Sighting | null => {
  const head = readHead(content, line, warnings);
  if (head === null) return null;
  const sighting = newSighting('list', line, normaliseTaskId(head.rawId), head.rawId, null);
  applyTrailer(sighting, readBody(sighting, head, line, warnings), line, warnings);
  if (head.icon !== null && sighting.fields.status === undefined)
    setField(sighting, 'status', parseStatus(head.icon), line, warnings, INLINE);
  return sighting;
};
