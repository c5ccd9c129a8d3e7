import { ParsedTask } from '@taskledger/backlog';
import { canonicalJson, TaskDefinition } from '@taskledger/events';

type FieldChange = {
  field: string;
  from: TaskDefinition[keyof TaskDefinition];
  to: TaskDefinition[keyof TaskDefinition];
};

/** The definition a parsed task registers: everything the parser found but the ids. */
export const toDefinition = ({ id: _id, rawId: _rawId, ...definition }: ParsedTask): TaskDefinition => definition;

/** Same JSON value whatever the key order: stores keep event data as canonical JSON (sorted keys). */
const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * The fields that differ, in TaskDefinition key order. A moved source line alone is no change
 * (editing above a task would otherwise "change" every task below it); it is carried along
 * when something else changed, so the ledger's location stays right for tasks that did change.
 */
export const definitionChanges = (previous: TaskDefinition, next: TaskDefinition): FieldChange[] => {
  const keys = Object.keys(next) as Array<keyof TaskDefinition>;
  const changes = keys
    .filter((key) => key !== 'source' && !same(previous[key], next[key]))
    .map((field) => ({ field, from: previous[field] ?? null, to: next[field] }));
  if (changes.length > 0 && !same(previous.source, next.source)) {
    changes.push({ field: 'source', from: previous.source, to: next.source });
  }
  return changes;
};
