import { TaskledgerError } from '@taskledger/errors';
import { z } from 'zod';
import { catalogue, isLedgerEventType } from './catalogue';
import { EventMetadata } from './envelope';

const EventId = z.uuid();

const fieldPath = (prefix: string, issue: z.core.$ZodIssue): string =>
  [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');

const invalid = (type: string, path: string, reason: string): TaskledgerError =>
  new TaskledgerError('InvalidEvent', `invalid ${type} event: ${path || '(root)'}: ${reason}`, { type, path, reason });

/**
 * zod checks nested JSON recursively: data nested deeper than the call stack holds is reported as
 * invalid, never a stack overflow. (Backlog metadata is kept within 32 levels by the parser; a
 * fixed limit here would refuse to record changes to values that earlier ledgers already hold.)
 */
const safeParse = (type: string, prefix: string, schema: z.ZodType, value: unknown) => {
  try {
    return schema.safeParse(value);
  } catch (error) {
    if (error instanceof RangeError) throw invalid(type, prefix, 'nested too deeply to validate');
    throw error;
  }
};

const check = (type: string, prefix: string, schema: z.ZodType, value: unknown): void => {
  const result = safeParse(type, prefix, schema, value);
  if (result.success) return;
  const issue = result.error.issues[0];
  throw invalid(type, issue ? fieldPath(prefix, issue) : prefix, issue?.message ?? 'invalid');
};

/**
 * Throws a TaskledgerError('InvalidEvent') naming the event type and the field path unless the
 * envelope is a valid catalogue event at its current schema version. Stores call this before
 * writing, so nothing invalid is ever appended.
 */
export const validateEnvelope = (envelope: { id: unknown; type: unknown; data: unknown; metadata: unknown }): void => {
  const type = String(envelope.type);
  if (!isLedgerEventType(type)) throw invalid(type, 'type', 'not an event type in the catalogue');
  check(type, 'id', EventId, envelope.id);
  check(type, 'metadata', EventMetadata, envelope.metadata);
  const version = (envelope.metadata as EventMetadata).schemaVersion;
  const current = catalogue[type].version;
  if (version !== current) {
    throw invalid(type, 'metadata.schemaVersion', `is ${version}; new events must be written at version ${current}`);
  }
  check(type, 'data', catalogue[type].data, envelope.data);
};
