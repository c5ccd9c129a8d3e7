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
export { chainSourceOf } from './chain-source';
export type { ChainSource, StoredEventRow } from './chain-source';
export { verifyLedger } from './ledger-verify';
export type { VerifyReport, BrokenLink, BrokenLinkProblem } from './ledger-verify';
export { writeLedgerCheckpoint, checkpointHash } from './ledger-checkpoint';
export type { CheckpointOutcome, CheckpointOptions } from './ledger-checkpoint';
export { CheckpointingEventStore, DEFAULT_CHECKPOINT_EVERY } from './checkpointing-event-store';
export { DelegatingEventStore } from './delegating-event-store';
