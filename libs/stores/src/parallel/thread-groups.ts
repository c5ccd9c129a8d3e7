import { availableParallelism } from 'node:os';
import { comparePositions, EventStore, parsePosition, Position } from '@taskledger/event-store';
import { AnyProjection } from '@taskledger/projections';
import { ReadStore } from '@taskledger/read-store';

/**
 * Read models split over two threads: those writing a document per event (the heaviest
 * writers by far) in one, the rest in the other.
 */
export const threadGroups = (projections: readonly AnyProjection[]): string[][] => {
  const perEvent = projections.filter((projection) => projection.documentPerEvent);
  const others = projections.filter((projection) => !projection.documentPerEvent);
  const groups = [perEvent, others].filter((group) => group.length > 0);
  return groups.map((group) => group.map((projection) => projection.name));
};

/** Whether this machine has a second core for a parallel catch-up. */
export const hasSpareCore = (): boolean => availableParallelism() >= 2;

/**
 * Events after the slowest checkpoint of `projections`: all of them when one has none yet, or
 * was declared at another version than its checkpoint's (it will be rebuilt).
 */
export const eventsBehind = async (
  eventStore: EventStore,
  readStore: ReadStore,
  projections: readonly AnyProjection[],
): Promise<number> => {
  let slowest: Position | 'start' | null = null;
  for (const projection of projections) {
    const checkpoint = await readStore.getCheckpoint(projection.name);
    if (!checkpoint?.position || checkpoint.version !== projection.version) return eventStore.countEventsAfter('start');
    const position = parsePosition(checkpoint.position);
    if (slowest === null || comparePositions(position, slowest as Position) < 0) slowest = position;
  }
  return slowest === null ? 0 : eventStore.countEventsAfter(slowest);
};
