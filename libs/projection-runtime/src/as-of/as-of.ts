import { EventStore } from '@taskledger/event-store';
import { AnyProjection } from '@taskledger/projections';
import { ReadStore } from '@taskledger/read-store';
import { AsOfMoment } from './as-of-moment';
import { AsOfPoint, resolveAsOf } from './as-of-point';
import { listSnapshots } from './snapshots';

/**
 * Where `moment` falls in the log (see `resolveAsOf`). A time is looked for from the latest
 * snapshot whose events are all stamped at or before it, rather than from the first event.
 */
export const asOfPoint = async (
  stores: { eventStore: EventStore; readStore: ReadStore },
  moment: AsOfMoment,
  projections: readonly AnyProjection[],
): Promise<AsOfPoint> => {
  if (moment.kind === 'position') return resolveAsOf(stores.eventStore, moment);
  const snapshots = (await Promise.all(projections.map((p) => listSnapshots(stores.readStore, p)))).flat();
  const usable = snapshots
    .filter((snapshot) => snapshot.latestTime !== null && snapshot.latestTime <= moment.time)
    .sort((a, b) => (a.position.commit < b.position.commit ? -1 : 1))
    .pop();
  return resolveAsOf(stores.eventStore, moment, usable && { position: usable.position, time: null });
};
