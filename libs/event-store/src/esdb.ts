// The EventStoreDB adapter has its own entry point so that loading the package does not load
// the gRPC client (~0.3 s) unless a command is configured for EventStoreDB.
export { EsdbEventStore } from './esdb-event-store';
export type { EsdbEventStoreOptions } from './esdb-event-store';
