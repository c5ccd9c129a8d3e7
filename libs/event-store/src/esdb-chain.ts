import { EventEnvelope } from '@taskledger/events';
import { chainBatch, ChainedEvent, metadataHash } from './chain-append';
import { ExpectedRevision, RecordedEvent } from './event-store.port';

/** How many of a stream's last events an append reads: its head, and ids a re-sent batch may repeat. */
export const RECENT_WINDOW = 64;

/** How an EventStoreDB append is sent so the hashes it carries chain onto the stream's head. */
export interface ChainedAppendPlan {
  /** The expected revision to send. */
  send: ExpectedRevision;
  /** The events with their hashes, linked onto the head read before sending. */
  events: ChainedEvent[];
  /** True when `send` pins the head read: a conflict then means another writer came first, so read again and retry. */
  retryOnConflict: boolean;
}

/**
 * Plans an append from the stream's last events (newest first). A caller's exact expectation is
 * sent as it is: it either matches the head the hashes were chained onto, or the server refuses
 * it (or treats it as a replay and stores nothing). `any` and `stream_exists` are pinned to the
 * head read, unless the batch's first id is among the recent events: that is a re-sent batch,
 * left to the server's idempotency rules, which store nothing new.
 */
export const planChainedAppend = (
  expected: ExpectedRevision,
  recent: readonly RecordedEvent[],
  events: readonly EventEnvelope[],
): ChainedAppendPlan => {
  const head = recent[0];
  const chained = chainBatch(head ? metadataHash(head.metadata) : null, events);
  const firstId = events[0]?.id;
  const resent = recent.some((event) => event.id === firstId);
  if (typeof expected === 'number' || expected === 'no_stream' || resent)
    return { send: expected, events: chained, retryOnConflict: false };
  if (!head)
    return { send: expected === 'any' ? 'no_stream' : expected, events: chained, retryOnConflict: expected === 'any' };
  return { send: head.revision, events: chained, retryOnConflict: true };
};
