import { z } from 'zod';
import { IsoDateTime } from './common.schemas';
import { currentSchemaVersion, LedgerEvent } from './catalogue';

export const EventMetadata = z.strictObject({
  occurredAt: IsoDateTime,
  /** One per CLI run or API request: groups everything a single user action caused. */
  correlationId: z.string().min(1),
  /** The id of the event or command that caused this one; null for a user's direct action. */
  causationId: z.string().min(1).nullable(),
  /** Who did it: `cli:<user>@<host>`, `runner:<name>`, `api`, ... */
  actor: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  /**
   * The event's link in its stream's hash chain (see event-hash.ts), set by the event store as
   * it appends; absent on events written before chaining. A well-formed value given by a writer is replaced.
   */
  hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

/** An event ready to append: a catalogue event plus its id (for idempotent appends) and metadata. */
export type EventEnvelope<E extends LedgerEvent = LedgerEvent> = E extends LedgerEvent
  ? E & { id: string; metadata: EventMetadata }
  : never;

/** What the caller knows about the action that produces events; ids and time are injected. */
export interface EventContext {
  newId: () => string;
  now: () => Date;
  correlationId: string;
  causationId?: string | null;
  actor: string;
}

/** Wraps domain events (as deciders return them) into envelopes at the current schema version. */
export const toEnvelopes = <E extends LedgerEvent>(events: readonly E[], context: EventContext): EventEnvelope<E>[] =>
  events.map(
    (event) =>
      ({
        ...event,
        id: context.newId(),
        metadata: {
          occurredAt: context.now().toISOString(),
          correlationId: context.correlationId,
          causationId: context.causationId ?? null,
          actor: context.actor,
          schemaVersion: currentSchemaVersion(event.type),
        },
      }) as EventEnvelope<E>,
  );
