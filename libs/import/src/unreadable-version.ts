import { TaskledgerError } from '@taskledger/errors';
import { createHash } from 'node:crypto';
import { PARSER_VERSION } from '@taskledger/backlog';
import { backlogStream, EventContext, EventEnvelope, toEnvelopes } from '@taskledger/events';
import { EventStore } from '@taskledger/event-store';

/**
 * A version that is no text backlog (binary, too large, not UTF-8) changes no task: it is
 * recorded as a BacklogParsed that keeps the previous version's task ids, with the reason as a
 * warning on line 0, so the history shows it and a later import knows it was seen.
 */
export const recordUnreadableVersion = async (
  store: EventStore,
  input: { backlogId: string; path: string; content: Uint8Array; error: TaskledgerError },
  context: EventContext,
): Promise<void> => {
  const stream = backlogStream(input.backlogId);
  const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
  const taskIds = last?.type === 'BacklogParsed' ? last.data.taskIds : [];
  const [parsed] = toEnvelopes(
    [
      {
        type: 'BacklogParsed' as const,
        data: {
          backlogId: input.backlogId,
          path: input.path,
          sha256: createHash('sha256').update(input.content).digest('hex'),
          parserVersion: PARSER_VERSION,
          counts: {
            tasks: taskIds.length,
            registered: 0,
            changed: 0,
            removed: 0,
            unchanged: taskIds.length,
            warnings: 1,
          },
          warnings: [{ line: 0, code: input.error.code, message: input.error.message }],
          taskIds,
        },
      },
    ],
    context,
  );
  await store.append(stream, [parsed as EventEnvelope], { expectedRevision: 'any' });
};
