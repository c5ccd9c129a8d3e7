import { TaskDefinition } from './common.schemas';

/** A complete, valid task definition; generated and test histories override the fields they care about. */
export const sampleDefinition = (overrides: Partial<TaskDefinition> = {}): TaskDefinition => ({
  title: 'Sample task',
  priority: 'high',
  priorityIcon: '📈',
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
  source: { path: 'backlog.md', line: 1 },
  ...overrides,
});
