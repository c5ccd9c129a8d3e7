import { isTaskledgerError } from '@taskledger/errors';
import { ParsedTask } from '@taskledger/backlog';
import { backlogStream, EventContext, LedgerEvent, taskStream, toEnvelopes } from '@taskledger/events';
import { EventStore } from '@taskledger/event-store';
import { foldTaskState, TaskEventInput } from '@taskledger/execution';
import { definitionChanges, toDefinition } from './task-definition';

export type TaskChange = 'registered' | 'changed' | 'removed' | 'unchanged';

const RACE_RETRIES = 5;

/** What the file says about one task: its parsed definition, or that it is gone. */
type Sighting = ParsedTask | { removedId: string };

const decideChange = (
  sighting: Sighting,
  backlogId: string,
  path: string,
  events: readonly TaskEventInput[],
): { change: TaskChange; events: LedgerEvent[] } => {
  const state = foldTaskState(events);
  const registered = state.status !== 'unregistered';
  if ('removedId' in sighting) {
    const ours = registered && state.inBacklog && state.backlogId === backlogId;
    const removal: LedgerEvent = {
      type: 'TaskRemovedFromBacklog',
      data: { taskId: sighting.removedId, backlogId, path },
    };
    return ours ? { change: 'removed', events: [removal] } : { change: 'unchanged', events: [] };
  }
  const definition = toDefinition(sighting);
  if (!registered || !state.inBacklog) {
    const registration: LedgerEvent = { type: 'TaskRegistered', data: { taskId: sighting.id, backlogId, definition } };
    return { change: 'registered', events: [registration] };
  }
  const changes = definitionChanges(state.definition, definition);
  if (changes.length === 0) return { change: 'unchanged', events: [] };
  const changed: LedgerEvent = { type: 'TaskDefinitionChanged', data: { taskId: sighting.id, backlogId, changes } };
  return { change: 'changed', events: [changed] };
};

/**
 * Reads the task's stream, decides what the sighting changes, and appends it at the revision
 * read. A concurrent writer makes the append fail; then it reads and decides again.
 */
export const appendTaskChange = async (
  store: EventStore,
  backlogId: string,
  sighting: Sighting,
  path: string,
  context: EventContext,
): Promise<TaskChange> => {
  const stream = taskStream('removedId' in sighting ? sighting.removedId : sighting.id);
  for (let attempt = 1; ; attempt += 1) {
    const history = await store.readStream(stream);
    // A task stream holds only task events.
    const { change, events } = decideChange(sighting, backlogId, path, history as readonly TaskEventInput[]);
    if (events.length === 0) return change;
    const expectedRevision = history.at(-1)?.revision ?? 'no_stream';
    try {
      await store.append(stream, toEnvelopes(events, context), { expectedRevision });
      return change;
    } catch (error) {
      if (!isTaskledgerError(error, 'ConcurrencyConflict') || attempt >= RACE_RETRIES) throw error;
    }
  }
};

/** The task ids the backlog's last recorded parse held. */
export const previousTaskIds = async (store: EventStore, backlogId: string): Promise<string[]> => {
  const [last] = await store.readStream(backlogStream(backlogId), { direction: 'backwards', maxCount: 1 });
  return last?.type === 'BacklogParsed' ? last.data.taskIds : [];
};
