export { newEventId, eventIdGenerator } from './event-id';

export {
  TASK_CATEGORY,
  BACKLOG_CATEGORY,
  LEDGER_CATEGORY,
  CHECKPOINT_STREAM,
  taskStream,
  backlogStream,
  streamCategory,
  streamId,
} from './streams';
export {
  TaskId,
  ExecutionId,
  IsoDateTime,
  JsonObject,
  Priority,
  BacklogStatus,
  ErrorCategory,
  ErrorSeverity,
  SourceLocation,
  TaskDefinition,
  RawErrorFacts,
  ErrorClassification,
  RetryPolicy,
} from './common.schemas';
export {
  TaskRegistered,
  FieldChange,
  TaskDefinitionChanged,
  TaskRemovedFromBacklog,
  Runner,
  TaskExecutionStarted,
  TaskProgressReported,
  TaskLeaseRenewed,
  TaskAttemptFailed,
  TaskRetryScheduled,
  TaskExecutionCompleted,
  TaskExecutionFailed,
  TaskSkipped,
  TaskExecutionAbandoned,
  RecoveryActionAttempted,
  ExecutionStateReset,
  ErrorReclassified,
  TaskEventSchema,
} from './task.events';
export type { TaskEvent } from './task.events';
export { ParseWarning, BacklogParsed, BacklogEventSchema } from './backlog.events';
export type { BacklogEvent } from './backlog.events';
export { CheckpointHead, LedgerCheckpointed, LedgerEventSchema } from './ledger.events';
export type { LedgerAuditEvent } from './ledger.events';
export {
  HASH_FIELD,
  canonicalJson,
  canonicalEventText,
  canonicalMetadata,
  chainLink,
  eventHash,
  storedMetadataText,
  splitStoredMetadata,
} from './event-hash';
export { catalogue, eventTypes, isLedgerEventType, currentSchemaVersion } from './catalogue';
export type { LedgerEvent, LedgerEventType, EventOfType } from './catalogue';
export { EventMetadata, toEnvelopes } from './envelope';
export type { EventEnvelope, EventContext } from './envelope';
export { validateEnvelope } from './validation';
export { UpcasterRegistry, defaultUpcasters } from './upcasting';
export type { Upcaster } from './upcasting';
export { decodeEvent } from './decoding';
export type { StoredEventPayload, EventLocation, UndecodableReason } from './decoding';
