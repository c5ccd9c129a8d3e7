import { Position, positionToString } from '@taskledger/event-store';

/** Collection of events a projection could not apply, kept so nothing is skipped silently. */
export const DEAD_LETTERS = 'dead_letters';

export interface DeadLetterDoc {
  id: string;
  projection: string;
  position: string;
  eventId: string;
  type: string;
  streamName: string;
  error: string;
  recordedAt: string;
}

export const deadLetter = (
  projection: string,
  event: { id: string; type: string; position: Position; streamName: string },
  error: string,
  now: Date,
): DeadLetterDoc => ({
  id: `${projection}:${event.id}`,
  projection,
  position: positionToString(event.position),
  eventId: event.id,
  type: event.type,
  streamName: event.streamName,
  error,
  recordedAt: now.toISOString(),
});
