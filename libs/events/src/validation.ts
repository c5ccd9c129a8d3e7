import { z } from 'zod';
import { catalogue, isLedgerEventType } from './catalogue';
import { EventMetadata } from './envelope';
import { LedgerError } from './ledger-error';

const EventId = z.uuid();

const fieldPath = (prefix: string, issue: z.core.$ZodIssue): string =>
  [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');

const invalid = (type: string, path: string, reason: string): LedgerError =>
  new LedgerError('InvalidEvent', `invalid ${type} event: ${path || '(root)'}: ${reason}`, { type, path, reason });

const check = (type: string, prefix: string, schema: z.ZodType, value: unknown): void => {
  const result = schema.safeParse(value);
  if (result.success) return;
  const issue = result.error.issues[0];
  throw invalid(type, issue ? fieldPath(prefix, issue) : prefix, issue?.message ?? 'invalid');
};

/**
 * Throws a LedgerError('InvalidEvent') naming the event type and the field path unless the
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
