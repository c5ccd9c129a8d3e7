import { TaskledgerError } from '@taskledger/errors';
import { comparePositions, EventStore, Position, positionToString } from '@taskledger/event-store';
import { AsOfMoment } from './as-of-moment';

/** The last event of the log prefix an as-of read answers from; null position: before the first event. */
export interface AsOfPoint {
  position: Position | null;
  /** That event's occurredAt, in UTC; null before the first event. */
  time: string | null;
}

/** How output names the point: `{ position: "42", time: "2026-...Z" }` (nulls before the first event). */
export const asOfJson = (point: AsOfPoint): { position: string | null; time: string | null } => ({
  position: point.position === null ? null : positionToString(point.position),
  time: point.time,
});

const utc = (occurredAt: string): string => new Date(Date.parse(occurredAt)).toISOString();

const EMPTY: AsOfPoint = { position: null, time: null };

const atPosition = async (eventStore: EventStore, wanted: Position): Promise<AsOfPoint> => {
  const head = await eventStore.headPosition();
  if (head === null || wanted.commit === 0n) return EMPTY;
  const position = comparePositions(wanted, head) >= 0 ? head : wanted;
  for await (const event of eventStore.readAll({ fromPosition: position, maxCount: 1 })) {
    if (comparePositions(event.position, position) === 0) return { position, time: utc(event.metadata.occurredAt) };
  }
  throw new TaskledgerError('InvalidArgument', `no event has ledger position ${positionToString(wanted)}`, {
    position: positionToString(wanted),
  });
};

/**
 * The longest prefix of the log in which every event's occurredAt is at or before `time`: the
 * ledger as it stood before the first event stamped later was appended. Scans from `from` (a
 * position known to lie within that prefix, e.g. a snapshot's) or from the first event.
 */
const atTime = async (eventStore: EventStore, time: number, from: AsOfPoint = EMPTY): Promise<AsOfPoint> => {
  let last = from;
  for await (const event of eventStore.readAll({ fromPosition: from.position ?? 'start' })) {
    if (Date.parse(event.metadata.occurredAt) > time) break;
    last = { position: event.position, time: utc(event.metadata.occurredAt) };
  }
  return last;
};

/**
 * Where `moment` falls in the log: a position past the head is the head (the present), a
 * position of 0 or a time before the first event is the empty ledger.
 */
export const resolveAsOf = (eventStore: EventStore, moment: AsOfMoment, from?: AsOfPoint): Promise<AsOfPoint> =>
  moment.kind === 'position' ? atPosition(eventStore, moment.position) : atTime(eventStore, moment.time, from);
