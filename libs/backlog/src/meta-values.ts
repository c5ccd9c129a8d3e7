import { utf8Length } from './backlog-input';
import type { JsonValue, ParseWarning } from './backlog.types';
import { parseScoreObject } from './score-object';
import { setMeta, type Sighting } from './sighting';
import { parseStrictNumber } from './task-fields';

/** Deepest nesting of arrays and objects a metadata value is read with; a deeper one is kept as the text written. */
export const MAX_META_DEPTH = 32;

/** Largest metadata value, in bytes of UTF-8; a larger one is dropped. */
export const MAX_META_VALUE_BYTES = 64 * 1024;

/** The UTF-8 size of `text` when it is over {@link MAX_META_VALUE_BYTES}, else null. */
const oversize = (text: string): number | null => {
  if (text.length * 3 <= MAX_META_VALUE_BYTES) return null;
  const bytes = utf8Length(text);
  return bytes > MAX_META_VALUE_BYTES ? bytes : null;
};

/**
 * True when `text` opens more than `limit` brackets (`[`, `{`) at once outside quoted strings. A loop
 * over the text, so hostile nesting is found before anything recursive (JSON.parse, the checks below,
 * event validation, SQLite's JSON functions) ever sees it.
 */
const nestsDeeperThan = (text: string, limit: number): boolean => {
  let depth = 0;
  let quote = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (quote !== 0) {
      if (code === 92) at++;
      else if (code === quote) quote = 0;
    } else if (code === 34 || code === 39) quote = code;
    else if (code === 91 || code === 123) {
      if (++depth > limit) return true;
    } else if ((code === 93 || code === 125) && depth > 0) depth--;
  }
  return false;
};

/** No `Infinity` from `1e999` in JSON text: such values stay strings. Only sees values within MAX_META_DEPTH. */
const jsonSafe = (value: JsonValue): boolean => {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  return (Array.isArray(value) ? value : Object.values(value)).every(jsonSafe);
};

/** Meta values keep their JSON type when written as one: numbers, booleans, arrays, objects. */
const metaValue = (trimmed: string): JsonValue => {
  const number = parseStrictNumber(trimmed);
  if (number !== null) return number;
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as JsonValue;
      return jsonSafe(parsed) ? parsed : trimmed;
    } catch {
      const loose = trimmed.startsWith('{') ? parseScoreObject(trimmed) : null;
      if (loose?.ok) return loose.value;
    }
  }
  return trimmed;
};

/** Reports and drops `text` written for `key` when it is over {@link MAX_META_VALUE_BYTES}; true when dropped. */
export const dropOversized = (
  sighting: Sighting,
  key: string,
  text: string,
  line: number,
  warnings: ParseWarning[],
): boolean => {
  const bytes = oversize(text);
  if (bytes === null) return false;
  warnings.push({
    line,
    code: 'META_VALUE_TOO_LARGE',
    message: `${sighting.rawId}: ${key} is ${bytes} bytes, over the ${MAX_META_VALUE_BYTES}-byte limit for one value; dropped`,
  });
  return true;
};

/**
 * Files a free-form `key: value` in meta: typed when written as JSON, kept as the text written when
 * nested deeper than {@link MAX_META_DEPTH}, dropped when over {@link MAX_META_VALUE_BYTES}.
 */
export const addMeta = (
  sighting: Sighting,
  key: string,
  text: string,
  line: number,
  warnings: ParseWarning[],
): void => {
  const trimmed = text.trim();
  if (dropOversized(sighting, key, trimmed, line, warnings)) return;
  if ((trimmed.startsWith('[') || trimmed.startsWith('{')) && nestsDeeperThan(trimmed, MAX_META_DEPTH)) {
    warnings.push({
      line,
      code: 'META_VALUE_TOO_DEEP',
      message: `${sighting.rawId}: ${key} is nested more than ${MAX_META_DEPTH} levels deep; kept as text`,
    });
    return setMeta(sighting, key, trimmed, line, warnings);
  }
  setMeta(sighting, key, metaValue(trimmed), line, warnings);
};
