import { randomUUID } from 'node:crypto';
import { EventStore } from '@taskledger/event-store';
import { EventOfType, LedgerEvent, toEnvelopes, taskStream } from '@taskledger/events';
import { completed, registered, testContext } from '@taskledger/events/testing';
import { defineProjection } from '@taskledger/projections';

export interface CompletionsDoc {
  id: string;
  completions: number;
  totalMs: number;
  version?: number;
}

/** A small read model for runtime tests: completions and total duration per task. */
export const completionsProjection = (
  options: { version?: number; explodeOn?: (durationMs: number) => boolean } = {},
) =>
  defineProjection<CompletionsDoc, 'TaskExecutionCompleted'>({
    name: 'completions',
    version: options.version ?? 1,
    description: 'completions per task (test projection)',
    handles: ['TaskExecutionCompleted'],
    documentIds: (event) => [event.data.taskId],
    evolve: (doc, event) => {
      if (options.explodeOn?.(event.data.durationMs))
        throw new Error(`cannot apply a duration of ${event.data.durationMs} ms`);
      return {
        id: event.data.taskId,
        completions: (doc?.completions ?? 0) + 1,
        totalMs: (doc?.totalMs ?? 0) + event.data.durationMs,
        ...(options.version && options.version > 1 ? { version: options.version } : {}),
      };
    },
    indexes: [['completions']],
  });

let contextCounter = 0;
/** Appends events to a task's stream with fresh ids. */
export const appendTo = async (store: EventStore, taskId: string, events: LedgerEvent[]): Promise<void> => {
  contextCounter += 1;
  await store.append(
    taskStream(taskId),
    toEnvelopes(events, testContext({ newId: randomUUID, correlationId: `c${contextCounter}` })),
    {
      expectedRevision: 'any',
    },
  );
};

export const completion = (taskId: string, durationMs: number): EventOfType<'TaskExecutionCompleted'> =>
  completed(taskId, { durationMs });

export { registered };
