import type { ParseWarning, WarningCode } from './backlog.types';
import { splitDependencyText } from './dependency-text';
import { addMeta, dropOversized } from './meta-values';
import { parseScoreObject } from './score-object';
import {
  addDependency,
  setField,
  setMeta,
  type EntryOrigin,
  type EntrySource,
  type FieldKey,
  type Sighting,
} from './sighting';
import { parseBoolean, parseLeadingNumber, parsePriority, parseStatus, parseStrictNumber } from './task-fields';

/** What a normalised key (column header, comment key, section field) means. */
export type EntryTarget = FieldKey | 'dependencies' | 'id' | 'title';

const ALIASES: ReadonlyArray<[EntryTarget, readonly string[]]> = [
  ['id', ['id']],
  ['title', ['title', 'name', 'task']],
  ['priority', ['p', 'priority', 'prio']],
  ['points', ['points', 'pts', 'story_points', 'sp']],
  ['status', ['status', 'state']],
  ['description', ['problem_outcome', 'description', 'desc', 'summary']],
  ['techFootprint', ['tech_footprint', 'tech', 'footprint']],
  ['dependencies', ['dependencies', 'deps', 'depends_on', 'dependency']],
  ['completionDate', ['completion_date', 'completed', 'completed_on', 'date_completed']],
  ['scoreTotal', ['score_total']],
  ['score', ['score']],
  ['humanRequired', ['human_required']],
  ['humanReason', ['reason', 'human_reason']],
  ['defaultExecutor', ['default_executor']],
  ['runCommand', ['run', 'run_command']],
  ['estHours', ['est_hours', 'estimated_hours']],
];

const TARGETS = new Map<string, EntryTarget>(
  ALIASES.flatMap(([target, keys]) => keys.map((key) => [key, target] as const)),
);

export const entryTarget = (normalisedKey: string): EntryTarget | null => TARGETS.get(normalisedKey) ?? null;

const invalid = (
  sighting: Sighting,
  code: WarningCode,
  key: string,
  text: string,
  line: number,
  warnings: ParseWarning[],
): void => {
  if (dropOversized(sighting, key, text, line, warnings)) return;
  warnings.push({
    line,
    code,
    message: `${sighting.rawId}: cannot read ${key} ${JSON.stringify(text.slice(0, 60))}; kept it in meta`,
  });
  setMeta(sighting, key, text, line, warnings);
};

const applyNumber = (
  sighting: Sighting,
  field: 'points' | 'scoreTotal' | 'estHours',
  text: string,
  line: number,
  warnings: ParseWarning[],
  source: EntrySource,
): void => {
  const value = field === 'points' ? parseLeadingNumber(text) : parseStrictNumber(text);
  if (value === null)
    invalid(sighting, field === 'points' ? 'INVALID_POINTS' : 'INVALID_META_VALUE', source.key, text, line, warnings);
  else setField(sighting, field, value, line, warnings, source);
};

const applyScore = (
  sighting: Sighting,
  text: string,
  line: number,
  warnings: ParseWarning[],
  source: EntrySource,
): void => {
  if (dropOversized(sighting, source.key, text, line, warnings)) return;
  const parsed = parseScoreObject(text);
  if (!parsed.ok) return invalid(sighting, 'INVALID_SCORE', source.key, text, line, warnings);
  const before = sighting.fields.score;
  setField(sighting, 'score', parsed.value, line, warnings, source);
  const deps = parsed.value['deps'];
  if (before === undefined && Array.isArray(deps)) {
    for (const dep of deps) if (typeof dep === 'string' && dep.trim() !== '') addDependency(sighting, dep.trim(), line);
  }
};

const applyText = (
  sighting: Sighting,
  field: FieldKey,
  text: string,
  line: number,
  warnings: ParseWarning[],
  source: EntrySource,
): void => {
  if (field === 'priority') return setField(sighting, 'priority', parsePriority(text), line, warnings, source);
  if (field === 'status') return setField(sighting, 'status', parseStatus(text), line, warnings, source);
  if (field === 'humanRequired') {
    const flag = parseBoolean(text);
    if (flag === null) return invalid(sighting, 'INVALID_META_VALUE', source.key, text, line, warnings);
    return setField(sighting, 'humanRequired', flag, line, warnings, source);
  }
  const stringFields = [
    'description',
    'techFootprint',
    'completionDate',
    'humanReason',
    'defaultExecutor',
    'runCommand',
  ] as const;
  for (const name of stringFields) if (name === field) setField(sighting, name, text, line, warnings, source);
};

/**
 * Records one `key: value` found for a sighting (a column, a comment, a section field).
 * Known keys become typed fields; anything else goes to `meta` under its normalised key.
 */
export const applyEntry = (
  sighting: Sighting,
  key: string,
  text: string,
  line: number,
  warnings: ParseWarning[],
  origin: EntryOrigin,
): void => {
  const value = text.trim();
  const source: EntrySource = { origin, key };
  if (value === '') return;
  const target = entryTarget(key);
  if (target === null) return addMeta(sighting, key, value, line, warnings);
  if (target === 'id') return;
  if (target === 'title') {
    if (sighting.title === null) sighting.title = value;
    return;
  }
  if (target === 'dependencies') {
    for (const dep of splitDependencyText(value)) addDependency(sighting, dep, line);
    return;
  }
  if (target === 'points' || target === 'scoreTotal' || target === 'estHours')
    return applyNumber(sighting, target, value, line, warnings, source);
  if (target === 'score') return applyScore(sighting, value, line, warnings, source);
  applyText(sighting, target, value, line, warnings, source);
};
