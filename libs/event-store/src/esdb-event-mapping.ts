import { TaskledgerError } from '@taskledger/errors';
import { EventData, JSONType, Position as ClientPosition, jsonEvent } from '@eventstore/db-client';
import { EventEnvelope, StoredEventPayload, decodeEvent } from '@taskledger/events';
import { fromClientPosition, fromClientRevision } from './esdb-mapping';
import { RecordedEvent } from './event-store.port';
import { Position } from './position';

/** An envelope as the client's JSON event: same id (for idempotency), type and data; our metadata as its JSON metadata. */
export const toEventData = (envelope: EventEnvelope): EventData =>
  jsonEvent({ id: envelope.id, type: envelope.type, data: envelope.data as JSONType, metadata: envelope.metadata });

/** The part of the client's recorded event we read (both stream and $all reads have it). */
export interface ClientRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  isJson: boolean;
  position?: ClientPosition;
}

export interface EsdbLocation {
  streamName: string;
  revision: number;
  position: Position;
}

/** Servers before 22.6 (and explicit transactions) report stream-read positions as 2^64-1. */
const UNKNOWN_POSITION = 2n ** 63n;

const recordPosition = (record: ClientRecord): Position => {
  if (!record.position || record.position.commit >= UNKNOWN_POSITION) {
    throw new TaskledgerError(
      'StoreUnavailable',
      `EventStoreDB did not return the $all position of event ${record.id} in ${record.streamId}; taskledger needs EventStoreDB 22.6 or later`,
      { streamName: record.streamId, eventId: record.id },
    );
  }
  return fromClientPosition(record.position);
};

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** A client record as the payload decodeEvent reads, and where it sits. Binary events or metadata are undecodable. */
export const toStoredEvent = (record: ClientRecord): { payload: StoredEventPayload; at: EsdbLocation } => {
  const at = {
    streamName: record.streamId,
    revision: fromClientRevision(record.revision),
    position: recordPosition(record),
  };
  if (!record.isJson || !isJsonObject(record.metadata)) {
    throw new TaskledgerError(
      'UndecodableEvent',
      `cannot read event ${record.id} (${record.type}) at ${at.streamName}@${at.revision}: its data or metadata is not JSON`,
      { ...at, eventId: record.id, type: record.type, reason: 'invalid-data' },
    );
  }
  return { payload: { id: record.id, type: record.type, data: record.data, metadata: record.metadata }, at };
};

/** A resolved event as our decoded RecordedEvent; null when it carries no event (a link to a deleted one). */
export const toRecordedEvent = (resolved: { event?: ClientRecord }): RecordedEvent | null => {
  if (!resolved.event) return null;
  const { payload, at } = toStoredEvent(resolved.event);
  return { ...decodeEvent(payload, at), ...at } as RecordedEvent;
};

/** The first sent event whose stored copy has another id, type or data (an id re-used with new content), or null. */
export const firstMismatch = (sent: readonly EventEnvelope[], stored: readonly RecordedEvent[]): EventEnvelope | null =>
  sent.find((event, index) => {
    const copy = stored[index];
    return (
      !copy ||
      copy.id !== event.id ||
      copy.type !== event.type ||
      JSON.stringify(copy.data) !== JSON.stringify(event.data)
    );
  }) ?? null;
