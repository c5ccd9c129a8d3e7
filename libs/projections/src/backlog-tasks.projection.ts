import { TaskDefinition } from '@taskledger/events';
import { utcTimestamp } from './event-time';
import { defineProjection } from './projection';

/** A task as its backlog declares it now: the full definition, as `list` and the runner need it. */
export type BacklogTaskDoc = TaskDefinition & {
  id: string;
  backlogId: string;
  removedFromBacklog: boolean;
  registeredAt: string;
  updatedAt: string;
};

const definitionShape = TaskDefinition.shape;
const isDefinitionField = (field: string): field is keyof TaskDefinition =>
  Object.prototype.hasOwnProperty.call(definitionShape, field);

/** Applies one field change when it names a definition field and its value fits; history is fact, so nothing throws. */
const withChange = (doc: BacklogTaskDoc, field: string, to: unknown): BacklogTaskDoc => {
  if (!isDefinitionField(field)) return doc;
  const parsed = definitionShape[field].safeParse(to);
  return parsed.success ? { ...doc, [field]: parsed.data } : doc;
};

export const backlogTasksProjection = defineProjection({
  name: 'backlog_tasks',
  version: 1,
  description: 'Per task: its current backlog definition (every parsed field, source location and metadata).',
  handles: ['TaskRegistered', 'TaskDefinitionChanged', 'TaskRemovedFromBacklog'],
  documentIds: (event) => [event.data.taskId],
  evolve: (doc: BacklogTaskDoc | null, event): BacklogTaskDoc | null => {
    const at = utcTimestamp(event.metadata.occurredAt);
    switch (event.type) {
      case 'TaskRegistered':
        return {
          id: event.data.taskId,
          ...event.data.definition,
          backlogId: event.data.backlogId,
          removedFromBacklog: false,
          registeredAt: doc?.registeredAt ?? at,
          updatedAt: at,
        };
      case 'TaskDefinitionChanged':
        if (!doc) return null;
        return {
          ...event.data.changes.reduce((next, change) => withChange(next, change.field, change.to), doc),
          updatedAt: at,
        };
      case 'TaskRemovedFromBacklog':
        return doc && { ...doc, removedFromBacklog: true, updatedAt: at };
    }
  },
  indexes: [['backlogStatus'], ['priority'], ['removedFromBacklog']],
});
