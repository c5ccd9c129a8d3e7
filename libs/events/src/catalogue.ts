import { z } from 'zod';
import { BacklogParsed, BacklogEvent } from './backlog.events';
import { LedgerAuditEvent, LedgerCheckpointed } from './ledger.events';
import * as task from './task.events';
import { TaskEvent } from './task.events';

/** Every event taskledger writes: a discriminated union on `type`. */
export type LedgerEvent = TaskEvent | BacklogEvent | LedgerAuditEvent;
export type LedgerEventType = LedgerEvent['type'];
export type EventOfType<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>;

type EventSchema = z.ZodObject<{ type: z.ZodLiteral<string>; data: z.ZodType }>;
const entry = (schema: EventSchema, version = 1) => ({ data: schema.shape.data, version });

/**
 * The data schema and current schema version of each event type. Bump a version only
 * together with an upcaster from the previous one (see upcasting.ts).
 */
export const catalogue: Record<LedgerEventType, { data: z.ZodType; version: number }> = {
  BacklogParsed: entry(BacklogParsed),
  LedgerCheckpointed: entry(LedgerCheckpointed),
  TaskRegistered: entry(task.TaskRegistered),
  TaskDefinitionChanged: entry(task.TaskDefinitionChanged),
  TaskRemovedFromBacklog: entry(task.TaskRemovedFromBacklog),
  TaskExecutionStarted: entry(task.TaskExecutionStarted),
  TaskProgressReported: entry(task.TaskProgressReported),
  TaskLeaseRenewed: entry(task.TaskLeaseRenewed),
  TaskAttemptFailed: entry(task.TaskAttemptFailed),
  TaskRetryScheduled: entry(task.TaskRetryScheduled),
  TaskExecutionCompleted: entry(task.TaskExecutionCompleted, 2),
  TaskExecutionFailed: entry(task.TaskExecutionFailed),
  TaskSkipped: entry(task.TaskSkipped),
  TaskExecutionAbandoned: entry(task.TaskExecutionAbandoned),
  RecoveryActionAttempted: entry(task.RecoveryActionAttempted),
  ExecutionStateReset: entry(task.ExecutionStateReset),
  ErrorReclassified: entry(task.ErrorReclassified),
};

export const eventTypes = Object.keys(catalogue) as LedgerEventType[];

export const isLedgerEventType = (type: string): type is LedgerEventType =>
  Object.prototype.hasOwnProperty.call(catalogue, type);

export const currentSchemaVersion = (type: LedgerEventType): number => catalogue[type].version;
