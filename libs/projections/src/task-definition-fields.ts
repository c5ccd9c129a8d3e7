import { BacklogStatus, EventOfType, Priority, TaskDefinition } from '@taskledger/events';
import { TaskDefinitionFields } from './task-executions.doc';

type FieldChange = EventOfType<'TaskDefinitionChanged'>['data']['changes'][number];

const isString = (value: unknown): boolean => typeof value === 'string';
const isNullableString = (value: unknown): boolean => value === null || typeof value === 'string';
const isNullableNumber = (value: unknown): boolean =>
  value === null || (typeof value === 'number' && Number.isFinite(value));
const isStringArray = (value: unknown): boolean => Array.isArray(value) && value.every(isString);
const isOneOf =
  (options: readonly string[]) =>
  (value: unknown): boolean =>
    typeof value === 'string' && options.includes(value);

/** The kept definition fields and the values a change may set each to; other fields are not kept. */
const guards: Record<keyof TaskDefinitionFields, (value: unknown) => boolean> = {
  title: isString,
  priority: isOneOf(Priority.options),
  points: isNullableNumber,
  backlogStatus: isOneOf(BacklogStatus.options),
  description: isNullableString,
  techFootprint: isNullableString,
  dependencies: isStringArray,
  scoreTotal: isNullableNumber,
  humanRequired: (value) => typeof value === 'boolean',
  humanReason: isNullableString,
};

const isKeptField = (field: string): field is keyof TaskDefinitionFields =>
  Object.prototype.hasOwnProperty.call(guards, field);

/** The kept fields of a full definition (arrays copied). */
export const definitionFields = (definition: TaskDefinition): TaskDefinitionFields => ({
  title: definition.title,
  priority: definition.priority,
  points: definition.points,
  backlogStatus: definition.backlogStatus,
  description: definition.description,
  techFootprint: definition.techFootprint,
  dependencies: [...definition.dependencies],
  scoreTotal: definition.scoreTotal,
  humanRequired: definition.humanRequired,
  humanReason: definition.humanReason,
});

const pickFields = (source: TaskDefinitionFields): TaskDefinitionFields => ({
  title: source.title,
  priority: source.priority,
  points: source.points,
  backlogStatus: source.backlogStatus,
  description: source.description,
  techFootprint: source.techFootprint,
  dependencies: [...source.dependencies],
  scoreTotal: source.scoreTotal,
  humanRequired: source.humanRequired,
  humanReason: source.humanReason,
});

/**
 * Applies a definition diff: each change sets its field to `to`. Changes to fields this read
 * model does not keep, or with a value of the wrong shape, are ignored (history is fact).
 */
export const applyDefinitionChanges = (
  fields: TaskDefinitionFields,
  changes: readonly FieldChange[],
): TaskDefinitionFields =>
  changes.reduce<TaskDefinitionFields>(
    (current, change) =>
      isKeptField(change.field) && guards[change.field](change.to)
        ? pickFields({ ...current, [change.field]: change.to })
        : current,
    pickFields(fields),
  );
