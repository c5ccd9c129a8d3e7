import type { EventStore, RecordedEvent } from '@taskledger/event-store';

/** Every event of these types, in log order. */
export const readEventsOfTypes = async (
  eventStore: EventStore,
  eventTypes: readonly string[],
): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for await (const event of eventStore.readAll({ filter: { eventTypes } })) all.push(event);
  return all;
};
