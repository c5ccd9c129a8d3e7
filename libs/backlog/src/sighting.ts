import type { JsonObject, JsonValue, ParseWarning } from './backlog.types';
import { hasOwn, jsonEqual, setOwn } from './json-values';
import type { PriorityValue, StatusValue } from './task-fields';

/** Where a task was seen: a table row, a `### B-1: Title` section, or a `- B-1 — Title` list item. */
export type SightingKind = 'table' | 'section' | 'list';

/** Typed values one sighting declares; absent when not declared. */
export interface FieldValues {
  priority?: PriorityValue;
  points?: number;
  status?: StatusValue;
  description?: string;
  techFootprint?: string;
  completionDate?: string;
  scoreTotal?: number;
  score?: JsonObject;
  humanRequired?: boolean;
  humanReason?: string;
  defaultExecutor?: string;
  runCommand?: string;
  estHours?: number;
}

export type FieldKey = keyof FieldValues;

/**
 * All field slots present from the start, so every sighting's fields share one object shape
 * (property access stays fast on large backlogs).
 */
export const emptyFields = (): FieldValues => ({
  priority: undefined,
  points: undefined,
  status: undefined,
  description: undefined,
  techFootprint: undefined,
  completionDate: undefined,
  scoreTotal: undefined,
  score: undefined,
  humanRequired: undefined,
  humanReason: undefined,
  defaultExecutor: undefined,
  runCommand: undefined,
  estHours: undefined,
});

const emptySources = (): Partial<Record<FieldKey, number>> => ({
  priority: undefined,
  points: undefined,
  status: undefined,
  description: undefined,
  techFootprint: undefined,
  completionDate: undefined,
  scoreTotal: undefined,
  score: undefined,
  humanRequired: undefined,
  humanReason: undefined,
  defaultExecutor: undefined,
  runCommand: undefined,
  estHours: undefined,
});

/** Where a value was written: a table cell, an HTML comment, a `**Key**: value` line, a list item. */
export type EntryOrigin = 'column' | 'comment' | 'field' | 'inline';

const ORIGINS: readonly EntryOrigin[] = ['column', 'comment', 'field', 'inline'];

/** The line a field was written on, or the sighting's line. */
export const fieldLine = (sighting: Sighting, key: FieldKey): number => {
  const source = sighting.fieldSources[key];
  return source === undefined ? sighting.line : Math.floor(source / 4);
};

export const fieldOrigin = (sighting: Sighting, key: FieldKey): EntryOrigin | null => {
  const source = sighting.fieldSources[key];
  return source === undefined ? null : (ORIGINS[source % 4] as EntryOrigin);
};

const metaLine = (sighting: Sighting, key: string): number =>
  sighting.metaLines !== null && hasOwn(sighting.metaLines, key) ? (sighting.metaLines[key] as number) : sighting.line;

export const addDependency = (sighting: Sighting, text: string, line: number): void => {
  sighting.dependencies.push(text);
  sighting.dependencyLines.push(line);
};

/** Text fields that a column and a comment may both state in their own words; neither is an error. */
const TEXT_FIELDS: ReadonlySet<FieldKey> = new Set(['description', 'techFootprint', 'humanReason']);

/** One place in the file where a task id appears as a task, with everything attached to it there. */
export interface Sighting {
  kind: SightingKind;
  line: number;
  id: string;
  rawId: string;
  title: string | null;
  fields: FieldValues;
  /** Where each field was written: `line * 4 + origin code` (see {@link fieldLine} / {@link fieldOrigin}). */
  fieldSources: Partial<Record<FieldKey, number>>;
  /** Dependencies as written, with the line each came from at the same index. */
  dependencies: string[];
  dependencyLines: number[];
  meta: JsonObject;
  /** Line of each meta entry, created with the first one. */
  metaLines: Record<string, number> | null;
  /** A status suggested by a heading/list trailer (`✅ **COMPLETE**`), used only when no status is declared. */
  statusHint: StatusValue | null;
}

export const newSighting = (
  kind: SightingKind,
  line: number,
  id: string,
  rawId: string,
  title: string | null,
): Sighting => ({
  kind,
  line,
  id,
  rawId,
  title,
  fields: emptyFields(),
  fieldSources: emptySources(),
  dependencies: [],
  dependencyLines: [],
  meta: {},
  metaLines: null,
  statusHint: null,
});

/** Comparable form of a field value: statuses and priorities compare by their normalised meaning. */
export const fieldIdentity = (key: FieldKey, value: FieldValues[FieldKey]): JsonValue => {
  if (value === undefined) return null;
  if (key === 'status') return (value as StatusValue).status;
  if (key === 'priority') return (value as PriorityValue).priority;
  return value as JsonValue;
};

export const describeValue = (value: JsonValue): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const conflict = (
  sighting: Sighting,
  label: string,
  line: number,
  kept: JsonValue,
  keptLine: number,
  other: JsonValue,
): ParseWarning => ({
  line,
  code: 'META_CONFLICT',
  message: `${sighting.rawId}: ${label} ${describeValue(other)} differs from ${describeValue(kept)} given at line ${keptLine}; kept the first`,
});

/** How a value was written: its origin and the normalised key it was written under. */
export interface EntrySource {
  origin: EntryOrigin;
  key: string;
}

/**
 * Sets a typed field once; a later different value is reported, never silently preferred. A text
 * field written again elsewhere (a column and a comment) keeps the first and files the other in meta.
 */
export const setField = <K extends FieldKey>(
  sighting: Sighting,
  key: K,
  value: NonNullable<FieldValues[K]>,
  line: number,
  warnings: ParseWarning[],
  source: EntrySource,
): void => {
  const existing = sighting.fields[key];
  if (existing === undefined) {
    sighting.fields[key] = value;
    sighting.fieldSources[key] = line * 4 + ORIGINS.indexOf(source.origin);
    return;
  }
  const kept = fieldIdentity(key, existing);
  const other = fieldIdentity(key, value);
  if (jsonEqual(kept, other)) return;
  if (TEXT_FIELDS.has(key) && fieldOrigin(sighting, key) !== source.origin)
    return setMeta(sighting, source.key, other, line, warnings);
  warnings.push(conflict(sighting, source.key, line, kept, fieldLine(sighting, key), other));
};

/** Sets a free-form meta entry once, with the same duplicate rule as typed fields. */
export const setMeta = (
  sighting: Sighting,
  key: string,
  value: JsonValue,
  line: number,
  warnings: ParseWarning[],
): void => {
  if (!hasOwn(sighting.meta, key)) {
    setOwn(sighting.meta, key, value);
    setOwn((sighting.metaLines ??= {}), key, line);
    return;
  }
  const kept = sighting.meta[key] as JsonValue;
  if (!jsonEqual(kept, value)) warnings.push(conflict(sighting, key, line, kept, metaLine(sighting, key), value));
};
