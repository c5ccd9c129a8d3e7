import { EventStore, MemoryEventStore } from '@taskledger/event-store';
import { appendInOrder } from '@taskledger/event-store/testing';
import { ProjectionRuntime } from '@taskledger/projection-runtime';
import { ProjectedEvent, readModels } from '@taskledger/projections';
import { MemoryReadStore, ReadStore } from '@taskledger/read-store';

export { parseCsv } from './csv-parse';

export interface Ledger {
  eventStore: EventStore;
  readStore: ReadStore;
}

/** Appends the history in order and catches every read model up, as the projector would. */
export const buildLedger = async (
  events: readonly ProjectedEvent[],
  ledger: Ledger = { eventStore: new MemoryEventStore(), readStore: new MemoryReadStore() },
): Promise<Ledger> => {
  await appendInOrder(ledger.eventStore, events);
  await new ProjectionRuntime({ ...ledger, projections: readModels }).catchUp();
  return ledger;
};
