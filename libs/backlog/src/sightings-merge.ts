import type { JsonObject, ParsedTask, ParseWarning } from './backlog.types';
import { hasOwn, jsonEqual, setOwn } from './json-values';
import {
  describeValue,
  emptyFields,
  fieldIdentity,
  fieldLine,
  type FieldKey,
  type FieldValues,
  type Sighting,
} from './sighting';
import { normaliseTitle, type StatusValue } from './task-fields';

/** A merged task before its dependencies are resolved against the whole file. */
export interface TaskDraft {
  /** Complete but for `dependencies` / `unresolvedDependencies`, which are still empty. */
  task: ParsedTask;
  /** The sighting whose written dependencies the task takes (the first that wrote any). */
  written: Sighting | null;
}

const FIELD_KEYS: readonly FieldKey[] = [
  'priority',
  'points',
  'status',
  'description',
  'techFootprint',
  'completionDate',
  'scoreTotal',
  'score',
  'humanRequired',
  'humanReason',
  'defaultExecutor',
  'runCommand',
  'estHours',
];

/** Disagreements on these are reported; text fields simply keep the first sighting's wording. */
const REPORTED: ReadonlySet<FieldKey> = new Set([
  'priority',
  'points',
  'status',
  'scoreTotal',
  'estHours',
  'completionDate',
  'humanRequired',
  'defaultExecutor',
]);

/** Same task when the normalised titles are equal or one is a prefix of the other (abbreviated lane entries). */
export const titlesCompatible = (a: string | null, b: string | null): boolean => {
  if (a === null || b === null) return true;
  const left = normaliseTitle(a);
  const right = normaliseTitle(b);
  if (left === '' || right === '') return true;
  return left.startsWith(right) || right.startsWith(left);
};

const shown = (key: FieldKey, value: FieldValues[FieldKey]): string =>
  key === 'status' ? ((value as StatusValue).raw ?? '') : describeValue(fieldIdentity(key, value));

const conflictWarning = (
  key: FieldKey,
  kept: Sighting,
  keptValue: FieldValues[FieldKey],
  other: Sighting,
  value: FieldValues[FieldKey],
): ParseWarning => ({
  line: fieldLine(other, key),
  code: 'FIELD_CONFLICT',
  message: `${other.rawId}: ${key} ${shown(key, value)} differs from ${shown(key, keptValue)} at line ${fieldLine(kept, key)}; kept the first`,
});

/** First declared value of each field wins; later different values of reported fields are warnings. */
const mergeFields = (cluster: readonly Sighting[], warnings: ParseWarning[]): FieldValues => {
  if (cluster.length === 1) return (cluster[0] as Sighting).fields;
  const merged = emptyFields() as Record<FieldKey, FieldValues[FieldKey]>;
  for (const key of FIELD_KEYS) {
    let keptFrom: Sighting | null = null;
    for (const sighting of cluster) {
      const value = sighting.fields[key];
      if (value === undefined) continue;
      if (keptFrom === null) {
        keptFrom = sighting;
        merged[key] = value;
      } else if (REPORTED.has(key) && !jsonEqual(fieldIdentity(key, merged[key]), fieldIdentity(key, value))) {
        warnings.push(conflictWarning(key, keptFrom, merged[key], sighting, value));
      }
    }
  }
  return merged as FieldValues;
};

const mergeMeta = (cluster: readonly Sighting[]): JsonObject => {
  if (cluster.length === 1) return (cluster[0] as Sighting).meta;
  const meta: JsonObject = {};
  for (const sighting of cluster) {
    for (const [key, value] of Object.entries(sighting.meta)) if (!hasOwn(meta, key)) setOwn(meta, key, value);
  }
  return meta;
};

const titleOf = (cluster: readonly Sighting[]): string => {
  const declared =
    cluster.find((sighting) => sighting.kind !== 'list' && sighting.title !== null) ??
    cluster.find((sighting) => sighting.title !== null);
  return declared?.title ?? '';
};

const draftOf = (cluster: readonly Sighting[], path: string, warnings: ParseWarning[]): TaskDraft => {
  const first = cluster[0] as Sighting;
  const fields = mergeFields(cluster, warnings);
  const status = fields.status ?? cluster.find((sighting) => sighting.statusHint !== null)?.statusHint ?? null;
  const inferredDone = status === null && fields.completionDate !== undefined;
  return {
    written: cluster.find((sighting) => sighting.dependencies.length > 0) ?? null,
    task: {
      id: first.id,
      rawId: first.rawId,
      title: titleOf(cluster),
      priority: fields.priority?.priority ?? 'unknown',
      priorityIcon: fields.priority?.icon ?? null,
      points: fields.points ?? null,
      backlogStatus: inferredDone ? 'done' : (status?.status ?? 'unknown'),
      backlogStatusRaw: status?.raw ?? null,
      description: fields.description ?? null,
      techFootprint: fields.techFootprint ?? null,
      dependencies: [],
      unresolvedDependencies: [],
      scoreTotal: fields.scoreTotal ?? null,
      score: fields.score ?? null,
      humanRequired: fields.humanRequired ?? false,
      humanReason: fields.humanReason ?? null,
      defaultExecutor: fields.defaultExecutor ?? null,
      runCommand: fields.runCommand ?? null,
      estHours: fields.estHours ?? null,
      completionDate: fields.completionDate ?? null,
      meta: mergeMeta(cluster),
      source: { path, line: first.line },
    },
  };
};

const collision = (kept: Sighting, other: Sighting): ParseWarning => ({
  line: other.line,
  code: 'ID_COLLISION',
  message: `${other.rawId} "${other.title ?? ''}" collides with "${kept.title ?? ''}" at line ${kept.line} (same id, different task); kept the first`,
});

/** The sightings that describe the same task as the first titled one; the others are reported as collisions. */
const compatible = (group: readonly Sighting[], warnings: ParseWarning[]): Sighting[] => {
  const cluster: Sighting[] = [];
  let titled: Sighting | null = null;
  for (const sighting of group) {
    if (titled !== null && !titlesCompatible(titled.title, sighting.title)) {
      warnings.push(collision(titled, sighting));
      continue;
    }
    cluster.push(sighting);
    if (titled === null && sighting.title !== null) titled = sighting;
  }
  return cluster;
};

/**
 * Merges all sightings of each id, in order of first sighting. Sightings whose titles agree fill each
 * other's gaps (disagreeing values are reported); a sighting with a different title is an id collision.
 */
export const mergeSightings = (sightings: readonly Sighting[], path: string, warnings: ParseWarning[]): TaskDraft[] => {
  const groups = new Map<string, Sighting[]>();
  for (const sighting of sightings) {
    const group = groups.get(sighting.id);
    if (group) group.push(sighting);
    else groups.set(sighting.id, [sighting]);
  }
  const drafts: TaskDraft[] = [];
  for (const group of groups.values())
    drafts.push(draftOf(group.length === 1 ? group : compatible(group, warnings), path, warnings));
  return drafts;
};
