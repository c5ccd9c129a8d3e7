import type { JsonValue } from './backlog.types';

/**
 * Wraps a line at spaces like a markdown formatter would, never before `minBreak` and only where the
 * next word starts with a letter (so no continuation line can look like a list item, heading, row or
 * comment). `width` null or non-positive means no wrapping.
 */
export const wrapLine = (line: string, width: number | null, minBreak = 0): string => {
  if (width === null || width <= 0 || line.length <= width) return line;
  const out: string[] = [];
  let start = 0;
  let lastBreak = -1;
  for (let i = minBreak + 1; i < line.length; i++) {
    if (line[i - 1] === ' ' && /[A-Za-z]/.test(line[i] as string) && i - 1 > start) lastBreak = i - 1;
    if (i - start >= width && lastBreak > start) {
      out.push(line.slice(start, lastBreak));
      start = lastBreak + 1;
      lastBreak = -1;
    }
  }
  out.push(line.slice(start));
  return out.join('\n');
};

/** `{bv:5, deps:["B-1"]}` in the loose style backlogs use: bare keys where possible, JSON values. */
export const looseObject = (value: JsonValue): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(looseObject).join(', ')}]`;
  const entries = Object.entries(value).map(
    ([key, item]) => `${/^[A-Za-z_]\w*$/.test(key) ? key : JSON.stringify(key)}:${looseObject(item)}`,
  );
  return `{${entries.join(', ')}}`;
};

/** Text for a `<!-- key: value -->` comment: strings as they are, everything else as JSON. */
export const commentValue = (value: JsonValue): string => (typeof value === 'string' ? value : JSON.stringify(value));

export const escapeCell = (text: string): string => text.replace(/\|/g, '\\|');
