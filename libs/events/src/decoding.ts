import { TaskledgerError } from '@taskledger/errors';
import { catalogue, isLedgerEventType, LedgerEvent } from './catalogue';
import { EventEnvelope, EventMetadata } from './envelope';

import { defaultUpcasters, UpcasterRegistry } from './upcasting';

/** An event as a store holds it: JSON-parsed but not yet checked against the catalogue. */
export interface StoredEventPayload {
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

/** Where an undecodable event sits, so a reader can dead-letter it and move on. */
export interface EventLocation {
  streamName: string;
  revision: number;
  position: unknown;
}

const sharedUpcasters = defaultUpcasters();

export type UndecodableReason = 'unknown-type' | 'newer-version' | 'no-upcaster' | 'invalid-data';

const undecodable = (payload: StoredEventPayload, at: EventLocation, reason: UndecodableReason, detail: string) =>
  new TaskledgerError(
    'UndecodableEvent',
    `cannot read event ${payload.id} (${payload.type}) at ${at.streamName}@${at.revision}: ${detail}`,
    { ...at, eventId: payload.id, type: payload.type, reason },
  );

/**
 * Turns a stored payload into a current-version catalogue event. Events at the current
 * version were validated when appended and are trusted; older ones are upcast, then validated.
 * Throws TaskledgerError('UndecodableEvent') carrying the event's location otherwise.
 */
export const decodeEvent = (
  payload: StoredEventPayload,
  at: EventLocation,
  upcasters: UpcasterRegistry = sharedUpcasters,
): EventEnvelope => {
  const { type } = payload;
  if (!isLedgerEventType(type)) throw undecodable(payload, at, 'unknown-type', 'unknown event type');
  const metadata = payload.metadata as EventMetadata | null;
  const version = metadata?.schemaVersion;
  if (typeof version !== 'number') throw undecodable(payload, at, 'invalid-data', 'metadata has no schemaVersion');
  const { version: current, data: schema } = catalogue[type];
  if (version === current) return payload as EventEnvelope;
  if (version > current) {
    throw undecodable(payload, at, 'newer-version', `schema version ${version} is newer than this reader's ${current}`);
  }
  const upcast = upcasters.upcast(type, payload.data as Record<string, unknown>, version, current);
  if (!upcast) throw undecodable(payload, at, 'no-upcaster', `no upcaster from version ${version} to ${current}`);
  const checked = schema.safeParse(upcast);
  if (!checked.success) {
    throw undecodable(payload, at, 'invalid-data', `after upcasting: ${checked.error.issues[0]?.message ?? 'invalid'}`);
  }
  const event = { type, data: checked.data } as LedgerEvent;
  return { ...event, id: payload.id, metadata: { ...metadata, schemaVersion: current } } as EventEnvelope;
};
