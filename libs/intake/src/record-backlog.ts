import { createHash } from 'node:crypto';
import { parseBacklog, ParseWarning, PARSER_VERSION } from '@taskledger/backlog';
import { backlogStream, EventContext, EventEnvelope, toEnvelopes } from '@taskledger/events';
import { EventStore, positionToString } from '@taskledger/event-store';
import { backlogIdFor } from './backlog-id';
import { appendTaskChange, previousTaskIds, TaskChange } from './task-changes';

export interface BacklogInput {
  /** Absolute path of the file, as given to the parser and stored in events. */
  path: string;
  content: Uint8Array;
  /** The backlog's id when it is not the path's (a file that was renamed keeps its id). */
  backlogId?: string;
}

export interface IntakeSummary {
  backlogId: string;
  path: string;
  sha256: string;
  tasks: number;
  registered: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  warnings: ParseWarning[];
  /** Position of the BacklogParsed event. */
  position: string;
}

/**
 * Parses a backlog and records what changed: TaskRegistered for new tasks, TaskDefinitionChanged
 * with a field diff for changed ones, TaskRemovedFromBacklog for tasks the file no longer holds,
 * then one BacklogParsed. Each task append uses the revision just read, so two parses racing
 * cannot register a task twice (the loser re-reads and finds nothing left to do).
 * Throws TaskledgerError for input that is not a text backlog (too large, binary, not UTF-8).
 */
export const recordBacklog = async (
  store: EventStore,
  input: BacklogInput,
  context: EventContext & { cwd: string },
): Promise<IntakeSummary> => {
  const { tasks, warnings } = parseBacklog(input.content, input.path);
  const backlogId = input.backlogId ?? backlogIdFor(input.path, context.cwd);
  const outcomes: Record<TaskChange, string[]> = { registered: [], changed: [], removed: [], unchanged: [] };
  for (const task of tasks) outcomes[await appendTaskChange(store, backlogId, task, input.path, context)].push(task.id);
  const current = new Set(tasks.map((task) => task.id));
  for (const taskId of await previousTaskIds(store, backlogId)) {
    if (current.has(taskId)) continue;
    const outcome = await appendTaskChange(store, backlogId, { removedId: taskId }, input.path, context);
    if (outcome === 'removed') outcomes.removed.push(taskId);
  }
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const [parsed] = toEnvelopes(
    [
      {
        type: 'BacklogParsed' as const,
        data: {
          backlogId,
          path: input.path,
          sha256,
          parserVersion: PARSER_VERSION,
          counts: {
            tasks: tasks.length,
            registered: outcomes.registered.length,
            changed: outcomes.changed.length,
            removed: outcomes.removed.length,
            unchanged: outcomes.unchanged.length,
            warnings: warnings.length,
          },
          warnings,
          taskIds: tasks.map((task) => task.id),
        },
      },
    ],
    context,
  );
  const appended = await store.append(backlogStream(backlogId), [parsed as EventEnvelope], { expectedRevision: 'any' });
  return {
    backlogId,
    path: input.path,
    sha256,
    tasks: tasks.length,
    ...outcomes,
    unchanged: outcomes.unchanged.length,
    warnings,
    position: positionToString(appended.position),
  };
};
