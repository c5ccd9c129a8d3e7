import { randomUUID } from 'node:crypto';
import { isTaskledgerError } from '@taskledger/errors';
import {
  canonicalJson,
  chainLink,
  CheckpointHead,
  CHECKPOINT_STREAM,
  EventContext,
  EventOfType,
  toEnvelopes,
} from '@taskledger/events';
import { metadataHash } from './chain-append';
import { EventStore, RecordedEvent } from './event-store.port';
import { comparePositions, parsePosition, Position, positionToString } from './position';

/** A checkpoint's ledger hash: its heads chained onto the previous checkpoint's ledger hash. */
export const checkpointHash = (previous: string | null, heads: readonly CheckpointHead[]): string =>
  chainLink(previous, canonicalJson(heads));

export type CheckpointOutcome =
  | { written: true; revision: number; position: string; upTo: string; heads: number; events: number }
  | { written: false; reason: 'not-due' | 'nothing-new' | 'raced' };

export interface CheckpointOptions {
  /** Write only when at least this many events lie after the last checkpoint. Default: write whenever any do. */
  every?: number;
  /** Who writes it; default a context of its own with actor `taskledger:checkpoint`. */
  context?: EventContext;
}

const ownContext = (): EventContext => ({
  newId: randomUUID,
  now: () => new Date(),
  correlationId: randomUUID(),
  causationId: null,
  actor: 'taskledger:checkpoint',
});

type Checkpoint = RecordedEvent<EventOfType<'LedgerCheckpointed'>>;

const lastCheckpoint = async (store: EventStore): Promise<Checkpoint | undefined> =>
  (await store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 }))[0] as Checkpoint | undefined;

/** The last event of every stream that moved in (after, upTo], in the position order of those events. */
const headsBetween = async (store: EventStore, after: Position | 'start', upTo: Position) => {
  const heads = new Map<string, CheckpointHead>();
  let events = 0;
  for await (const event of store.readAll({ fromPosition: after })) {
    if (after !== 'start' && comparePositions(event.position, after) <= 0) continue;
    if (comparePositions(event.position, upTo) > 0) break;
    if (event.streamName === CHECKPOINT_STREAM) continue;
    events += 1;
    heads.delete(event.streamName);
    heads.set(event.streamName, {
      stream: event.streamName,
      revision: event.revision,
      position: positionToString(event.position),
      hash: metadataHash(event.metadata),
    });
  }
  return { heads: [...heads.values()], events };
};

/** Events after the last checkpoint's `upTo`, not counting that checkpoint itself. */
const eventsSince = async (store: EventStore, previous: Checkpoint | undefined): Promise<number> =>
  previous
    ? (await store.countEventsAfter(parsePosition(previous.data.upTo))) - 1
    : await store.countEventsAfter('start');

/**
 * Appends a ledger checkpoint to `ledger-checkpoints`: the head of every stream that moved since
 * the previous checkpoint, up to the store's head now. Appended at the revision of the checkpoint
 * it continues, so of two writers racing only one writes ('raced' for the other).
 */
export const writeLedgerCheckpoint = async (
  store: EventStore,
  options: CheckpointOptions = {},
): Promise<CheckpointOutcome> => {
  const previous = await lastCheckpoint(store);
  const after = previous ? parsePosition(previous.data.upTo) : 'start';
  const upTo = await store.headPosition();
  if (!upTo) return { written: false, reason: 'nothing-new' };
  if (options.every !== undefined && (await eventsSince(store, previous)) < options.every)
    return { written: false, reason: 'not-due' };
  const { heads, events } = await headsBetween(store, after, upTo);
  if (events === 0) return { written: false, reason: 'nothing-new' };
  const previousHash = previous?.data.ledgerHash ?? null;
  const data = { upTo: positionToString(upTo), events, heads, previous: previousHash };
  const event = {
    type: 'LedgerCheckpointed' as const,
    data: { ...data, ledgerHash: checkpointHash(previousHash, heads) },
  };
  try {
    const result = await store.append(CHECKPOINT_STREAM, toEnvelopes([event], options.context ?? ownContext()), {
      expectedRevision: previous ? previous.revision : 'no_stream',
    });
    return {
      written: true,
      revision: result.nextExpectedRevision,
      position: positionToString(result.position),
      upTo: data.upTo,
      heads: heads.length,
      events,
    };
  } catch (error) {
    if (isTaskledgerError(error, 'ConcurrencyConflict')) return { written: false, reason: 'raced' };
    throw error;
  }
};
