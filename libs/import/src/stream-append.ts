import { isTaskledgerError } from '@taskledger/errors';
import { EventEnvelope } from '@taskledger/events';
import { EventStore, RecordedEvent } from '@taskledger/event-store';

const RACE_RETRIES = 5;

/** What one stream needs: the imported events not in it yet (by id), and how many already are. */
export interface StreamPlan {
  stream: string;
  missing: EventEnvelope[];
  present: number;
}

/**
 * The imported events the stream lacks. `keep` may drop some in view of what the stream holds
 * (e.g. a registration when the task is already registered from elsewhere).
 */
export const missingEvents = (
  history: readonly RecordedEvent[],
  events: readonly EventEnvelope[],
  keep: (event: EventEnvelope, history: readonly RecordedEvent[]) => boolean = () => true,
): StreamPlan['missing'] => {
  const ids = new Set(history.map((event) => event.id));
  return events.filter((event) => !ids.has(event.id) && keep(event, history));
};

/**
 * Appends the events the stream does not hold yet, in one append at the revision read (atomic
 * per stream): an import killed half-way left each stream either without or with all of its
 * events, and the next import appends exactly what is missing. A concurrent writer makes it
 * read and decide again.
 */
export const appendMissing = async (
  store: EventStore,
  stream: string,
  events: readonly EventEnvelope[],
  keep?: (event: EventEnvelope, history: readonly RecordedEvent[]) => boolean,
): Promise<number> => {
  for (let attempt = 1; ; attempt += 1) {
    const history = await store.readStream(stream);
    const missing = missingEvents(history, events, keep);
    if (missing.length === 0) return 0;
    const expectedRevision = history.at(-1)?.revision ?? 'no_stream';
    try {
      await store.append(stream, missing, { expectedRevision });
      return missing.length;
    } catch (error) {
      if (!isTaskledgerError(error, 'ConcurrencyConflict') || attempt >= RACE_RETRIES) throw error;
    }
  }
};
