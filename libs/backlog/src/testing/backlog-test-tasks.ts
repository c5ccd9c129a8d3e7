import type { ParsedTask } from '../backlog.types';

/** A parsed task with plain defaults (todo, medium, no dependencies) and the given overrides, for tests. */
export const aParsedTask = (id: string, overrides: Partial<ParsedTask> = {}): ParsedTask => ({
  id,
  rawId: id,
  title: `Task ${id}`,
  priority: 'medium',
  priorityIcon: '⭐',
  points: 3,
  backlogStatus: 'todo',
  backlogStatusRaw: 'todo',
  description: null,
  techFootprint: null,
  dependencies: [],
  unresolvedDependencies: [],
  scoreTotal: null,
  score: null,
  humanRequired: false,
  humanReason: null,
  defaultExecutor: null,
  runCommand: null,
  estHours: null,
  completionDate: null,
  meta: {},
  source: { path: 'test.md', line: 1 },
  ...overrides,
});
