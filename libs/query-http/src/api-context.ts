import type { EventStore } from '@taskledger/event-store';
import type { ReadStore } from '@taskledger/read-store';

/** The stores routes read from. */
export interface ApiContext {
  readStore: ReadStore;
  eventStore: EventStore;
}
