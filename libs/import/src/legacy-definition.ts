import { Priority, TaskDefinition } from '@taskledger/events';
import { LegacyMetadataRow } from './legacy-db';

const PRIORITY_ICONS: Readonly<Record<string, Priority>> = {
  '🔥': 'critical',
  '📈': 'high',
  '⭐': 'medium',
  '🔧': 'low',
};

const PRIORITY_WORDS: ReadonlyArray<[RegExp, Priority]> = [
  [/\b(critical|p0)\b/i, 'critical'],
  [/\b(high|p1)\b/i, 'high'],
  [/\b(medium|p2)\b/i, 'medium'],
  [/\b(low|p3)\b/i, 'low'],
];

const priorityOf = (text: string): Priority => {
  const icon = PRIORITY_ICONS[text.trim().replace(/\uFE0F/g, '')];
  return icon ?? PRIORITY_WORDS.find(([pattern]) => pattern.test(text))?.[1] ?? 'unknown';
};

/** `B-001, B-002` (or spaces); empty and `None` mean no dependencies. */
const dependenciesOf = (text: string | null): string[] =>
  (text ?? '')
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '' && !/^(none|-)$/i.test(part));

const textOrNull = (text: string | null): string | null => (text === null || text.trim() === '' ? null : text);

/**
 * A task_metadata row as a task definition. What the row does not hold (backlog status, run
 * command, ...) is null or unknown; `source.line` is the row's number in task_metadata.
 */
export const legacyDefinition = (row: LegacyMetadataRow, path: string): TaskDefinition => ({
  title: row.title,
  priority: priorityOf(row.priority),
  priorityIcon: textOrNull(row.priority),
  points: typeof row.points === 'number' && row.points >= 0 ? row.points : null,
  backlogStatus: 'unknown',
  backlogStatusRaw: null,
  description: textOrNull(row.description),
  techFootprint: textOrNull(row.tech_footprint),
  dependencies: dependenciesOf(row.dependencies),
  unresolvedDependencies: [],
  scoreTotal: typeof row.score_total === 'number' ? row.score_total : null,
  score: null,
  humanRequired: Boolean(row.human_required),
  humanReason: textOrNull(row.human_reason),
  defaultExecutor: null,
  runCommand: null,
  estHours: null,
  completionDate: null,
  meta: {},
  source: { path, line: Math.max(1, row.rowid) },
});
