import { EventOfType, Priority, TaskDefinition } from '@taskledger/events';
import * as build from '@taskledger/events/testing';
import { Move, TaskSim } from './history-sim.types';

type FieldChange = EventOfType<'TaskDefinitionChanged'>['data']['changes'][number];
type Changer = (definition: TaskDefinition, pick: number) => Partial<TaskDefinition>;

const PRIORITIES: readonly Priority[] = ['critical', 'high', 'medium', 'low', 'unknown'];
const STATUSES = ['todo', 'in_progress', 'done', 'blocked', 'unknown'] as const;

const next = <T>(options: readonly T[], current: T): T => options[(options.indexOf(current) + 1) % options.length]!;

/** Edits a re-parse may find; `estHours` is a field task_executions does not keep. */
const changers: readonly Changer[] = [
  (d, pick) => ({ title: `${d.title} v${pick}` }),
  (d) => ({ priority: next(PRIORITIES, d.priority) }),
  (d) => ({ points: (d.points ?? 0) + 1 }),
  (d) => ({ backlogStatus: next(STATUSES, d.backlogStatus) }),
  (d) => ({ humanRequired: !d.humanRequired, humanReason: d.humanRequired ? null : 'needs a person' }),
  (d) => ({
    dependencies: d.dependencies.includes('B-999')
      ? d.dependencies.filter((id) => id !== 'B-999')
      : [...d.dependencies, 'B-999'],
  }),
  (d, pick) => ({ scoreTotal: d.scoreTotal === null ? pick % 40 : null }),
  (d) => ({ estHours: (d.estHours ?? 0) + 0.5 }),
];

/** A TaskDefinitionChanged with the diff of one edit, and the definition after it. */
export const definitionChange = (taskId: string, definition: TaskDefinition, pick: number) => {
  const edit = changers[pick % changers.length]!(definition, pick);
  const changes: FieldChange[] = Object.entries(edit)
    .filter(([field, to]) => JSON.stringify(definition[field as keyof TaskDefinition]) !== JSON.stringify(to))
    .map(([field, to]) => ({ field, from: definition[field as keyof TaskDefinition], to }) as FieldChange);
  const fallback: FieldChange = { field: 'title', from: definition.title, to: `${definition.title}!` };
  const applied = changes.length > 0 ? changes : [fallback];
  const after = { ...definition, ...Object.fromEntries(applied.map((c) => [c.field, c.to])) } as TaskDefinition;
  return { event: build.definitionChanged(taskId, applied), definition: after };
};

export const register: Move = (sim, step) => {
  const humanRequired = step.pick % 7 === 0;
  const event = build.registered(sim.taskId, {
    title: `Task ${sim.taskId}`,
    priority: PRIORITIES[step.pick % PRIORITIES.length]!,
    points: step.pick % 8,
    dependencies: sim.index > 0 ? ['B-100'] : [],
    scoreTotal: step.pick % 3 === 0 ? null : (step.pick % 50) / 2,
    humanRequired,
    humanReason: humanRequired ? 'needs credentials' : null,
  });
  Object.assign(sim, { definition: event.data.definition, removed: false });
  if (sim.phase === 'new') Object.assign(sim, { phase: 'idle', status: 'pending' });
  return [event];
};

const change: Move = (sim, step) => {
  const { event, definition } = definitionChange(sim.taskId, sim.definition!, step.pick);
  sim.definition = definition;
  return [event];
};

const remove: Move = (sim) => {
  sim.removed = true;
  return [build.removedFromBacklog(sim.taskId)];
};

/** Backlog re-parses: a registered task can change or disappear; a removed one can re-appear. */
export const definitionMoves = (sim: TaskSim): Move[] => (sim.removed ? [register] : [change, remove]);
