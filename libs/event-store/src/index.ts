export { concurrencyConflict } from './event-store.port';
export type {
  EventStore,
  ExpectedRevision,
  StreamRevision,
  RecordedEvent,
  AppendResult,
  AppendOptions,
  ReadStreamOptions,
  EventFilter,
  ReadAllOptions,
  SubscribeOptions,
  SubscriptionMessage,
  Subscription,
} from './event-store.port';
export { comparePositions, positionToString, parsePosition, sequencePosition } from './position';
export type { Position } from './position';
export { MemoryEventStore } from './memory-event-store';
export { SqliteEventStore } from './sqlite-event-store';
export type { SqliteEventStoreOptions } from './sqlite-event-store';
