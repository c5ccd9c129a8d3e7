import { EventEnvelope } from '@taskledger/events';
import { EventStore } from '../event-store.port';

/**
 * Appends events one by one, each to the stream it names, keeping ids, times and their order
 * (so the store's global order is the list's). For building ledgers from generated histories.
 */
export const appendInOrder = async (
  store: EventStore,
  events: ReadonlyArray<EventEnvelope & { streamName: string; revision?: number }>,
): Promise<void> => {
  for (const { streamName, revision: _revision, ...envelope } of events) {
    await store.append(streamName, [envelope as EventEnvelope], { expectedRevision: 'any' });
  }
};
export { runTs } from './run-ts';
