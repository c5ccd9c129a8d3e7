import { currentSchemaVersion, EventEnvelope, LedgerEvent } from '@taskledger/events';
import { derivedEventId } from './derived-id';

/** Who ran the import and as whom its events are recorded. */
export interface ImportContext {
  /** One per import run. */
  correlationId: string;
}

/** An imported fact as an envelope: id derived from `key`, time and actor from the source. */
export const importedEnvelope = (
  event: LedgerEvent,
  key: string,
  occurredAt: string,
  actor: string,
  context: ImportContext,
): EventEnvelope =>
  ({
    ...event,
    id: derivedEventId(key),
    metadata: {
      occurredAt,
      correlationId: context.correlationId,
      causationId: null,
      actor,
      schemaVersion: currentSchemaVersion(event.type),
    },
  }) as EventEnvelope;
