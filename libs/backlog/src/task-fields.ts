import type { BacklogStatus, Priority } from './backlog.types';
import { HYPHENS } from './task-ids';

const LEADING_ICON = /^\p{Extended_Pictographic}\uFE0F?(?:\u200D\p{Extended_Pictographic}\uFE0F?)*/u;
const ANY_ICON = /\p{Extended_Pictographic}\uFE0F?(?:\u200D\p{Extended_Pictographic}\uFE0F?)*/gu;
const HYPHEN_CHARS = new RegExp(`[${HYPHENS}]`, 'g');

const PRIORITY_ICONS: Readonly<Record<string, Priority>> = {
  '🔥': 'critical',
  '📈': 'high',
  '⭐': 'medium',
  '🔧': 'low',
};

const PRIORITY_WORDS: ReadonlyArray<[RegExp, Priority]> = [
  [/\b(critical|highest|urgent|p0)\b/, 'critical'],
  [/\b(high|p1)\b/, 'high'],
  [/\b(medium|normal|p2)\b/, 'medium'],
  [/\b(low|lowest|p3)\b/, 'low'],
];

const STATUS_WORDS: ReadonlyArray<[RegExp, BacklogStatus]> = [
  [/\b(in[ _-]?progress|wip|started|ongoing|doing)\b/, 'in_progress'],
  [/\b(blocked|on[ -]hold)\b/, 'blocked'],
  [/\b(done|complete|completed|finished|closed|resolved|shipped)\b/, 'done'],
  [/\b(todo|to[ -]do|new|pending|backlog|ready|planned|open|not[ -]started|proposed)\b/, 'todo'],
];

const STATUS_ICONS: Readonly<Record<string, BacklogStatus>> = {
  '✅': 'done',
  '✔': 'done',
  '☑': 'done',
  '🔄': 'in_progress',
  '🚧': 'in_progress',
  '🔒': 'blocked',
  '⛔': 'blocked',
  '🚫': 'blocked',
  '🆕': 'todo',
  '📋': 'todo',
  '⏳': 'todo',
};

/** Drops markdown emphasis and code markers: `✅ **DONE**` → `✅ DONE`. */
export const stripMarkdown = (text: string): string => text.replace(/\*\*|__|[*`~]/g, '').trim();

/** The first pictograph (with its variation selector), or null. */
export const leadingIcon = (text: string): string | null => LEADING_ICON.exec(text)?.[0] ?? null;

const bareIcon = (icon: string): string => icon.replace(/\uFE0F/g, '');

/** The part before an explanation: `🔒 BLOCKED - Blocked by X` → `🔒 BLOCKED`. */
const headOf = (text: string): string => {
  const dash = /\s[-–—]\s/.exec(text);
  return dash ? text.slice(0, dash.index) : text;
};

/** Small memo for the handful of distinct cell values a backlog repeats thousands of times. */
const memo = <T>(read: (text: string) => T): ((text: string) => T) => {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = read(text);
    if (text.length <= 64 && cache.size < 1000) cache.set(text, value);
    return value;
  };
};

export interface PriorityValue {
  priority: Priority;
  icon: string | null;
}

/** `🔥` → critical, `📈` high, `⭐` medium, `🔧` low; other icons → unknown (icon kept); words like `P0 (Critical)`, `High`. */
export const parsePriority = memo((text: string): PriorityValue => {
  const plain = stripMarkdown(text);
  if (plain === '') return { priority: 'unknown', icon: null };
  const icon = leadingIcon(plain);
  if (icon !== null) return { priority: PRIORITY_ICONS[bareIcon(icon)] ?? 'unknown', icon };
  const words = headOf(plain).toLowerCase();
  const match = PRIORITY_WORDS.find(([pattern]) => pattern.test(words));
  return { priority: match ? match[1] : 'unknown', icon: headOf(plain).trim() };
});

export interface StatusValue {
  status: BacklogStatus;
  raw: string | null;
}

const statusFromIcons = (text: string): BacklogStatus | null => {
  for (const icon of text.match(ANY_ICON) ?? []) {
    const status = STATUS_ICONS[bareIcon(icon)];
    if (status) return status;
  }
  return null;
};

/** Only the status words/icons, ignoring any explanation after ` - `. */
export const classifyStatus = (text: string): BacklogStatus | null => {
  const head = headOf(stripMarkdown(text).replace(HYPHEN_CHARS, '-'));
  const words = head.replace(ANY_ICON, ' ').toLowerCase();
  const match = STATUS_WORDS.find(([pattern]) => pattern.test(words));
  return match ? match[1] : statusFromIcons(head);
};

/** `✅ done` → done, `🔄 in_progress`, `in‑progress`, `🔒 **BLOCKED**`, `⏳ PENDING` → todo; anything else → unknown. */
export const parseStatus = memo((text: string): StatusValue => {
  const raw = text.trim();
  if (raw === '') return { status: 'unknown', raw: null };
  return { status: classifyStatus(raw) ?? 'unknown', raw };
});

/** Output stays JSON-safe: `1e999`-sized numbers are not numbers here. */
const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** A leading number: `3`, `0.5`, `5 - High complexity`; null when the text does not start with one. */
export const parseLeadingNumber = (text: string): number | null => {
  const match = /^(\d+(?:\.\d+)?)(?=$|\s|\()/.exec(stripMarkdown(text));
  return match ? finite(Number(match[1])) : null;
};

/** A whole number literal: `5.7`, `-1`, `12`. */
export const parseStrictNumber = (text: string): number | null => {
  const trimmed = text.trim();
  return /^-?\d+(?:\.\d+)?$/.test(trimmed) ? finite(Number(trimmed)) : null;
};

export const parseBoolean = (text: string): boolean | null => {
  const word = stripMarkdown(text).toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(word)) return true;
  if (['false', 'no', 'n', '0'].includes(word)) return false;
  return null;
};

/** `Problem/Outcome` → `problem_outcome`, `🎯Points` → `points`, `do_next` → `do_next`. */
const KEY_CACHE = new Map<string, string>();

export const normaliseKey = (text: string): string => {
  const cached = KEY_CACHE.get(text);
  if (cached !== undefined) return cached;
  const key = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (KEY_CACHE.size < 10_000) KEY_CACHE.set(text, key);
  return key;
};

const ASCII_TITLE = /^[\x20-\x7e]*$/;

/** Title comparison key: case, markdown, hyphen style and punctuation do not matter. */
export const normaliseTitle = (text: string): string => {
  if (ASCII_TITLE.test(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
};
