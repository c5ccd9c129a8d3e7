import { backlogStream, CHECKPOINT_STREAM, currentSchemaVersion, LedgerEvent, taskStream } from '@taskledger/events';
import { testUuid } from '@taskledger/events/testing';
import { ProjectedEvent } from '../projection';

/** An event at an explicit time (any ISO offset), for `toProjected`. */
export interface TimedEvent {
  at: string;
  event: LedgerEvent;
}

export const at = (iso: string, event: LedgerEvent): TimedEvent => ({ at: iso, event });

export interface ProjectedOptions {
  /** Time of the first event without an explicit one. Default 2026-01-01T00:00:00.000Z. */
  start?: string;
  /** Time between events without an explicit one. Default 1000 ms. */
  stepMs?: number;
  /** Number of the first event id (testUuid). Default 1. */
  firstId?: number;
}

const streamOf = (event: LedgerEvent): string => {
  if (event.type === 'BacklogParsed') return backlogStream(event.data.backlogId);
  if (event.type === 'LedgerCheckpointed') return CHECKPOINT_STREAM;
  return taskStream(event.data.taskId);
};

/**
 * Envelopes as the store would hand them to a projection: ids `testUuid(firstId + i)`, per-stream
 * revisions from 0, and times `stepMs` apart unless an item gives its own (later items continue from it).
 */
export const toProjected = (
  items: ReadonlyArray<LedgerEvent | TimedEvent>,
  options: ProjectedOptions = {},
): ProjectedEvent[] => {
  const revisions = new Map<string, number>();
  let time = Date.parse(options.start ?? '2026-01-01T00:00:00.000Z') - (options.stepMs ?? 1000);
  return items.map((item, index) => {
    const timed = 'event' in item ? item : null;
    const event = timed ? timed.event : (item as LedgerEvent);
    time = timed ? Date.parse(timed.at) : time + (options.stepMs ?? 1000);
    const streamName = streamOf(event);
    const revision = revisions.get(streamName) ?? 0;
    revisions.set(streamName, revision + 1);
    const metadata = {
      occurredAt: timed ? timed.at : new Date(time).toISOString(),
      correlationId: 'test-run',
      causationId: null,
      actor: 'test',
      schemaVersion: currentSchemaVersion(event.type),
    };
    return { ...event, id: testUuid((options.firstId ?? 1) + index), metadata, streamName, revision } as ProjectedEvent;
  });
};
