import { EventStore } from '@taskledger/event-store';
import { projectionStatus, ProjectionStatus } from '@taskledger/projection-runtime';
import { AnyProjection, readModels } from '@taskledger/projections';
import { ReadStore } from '@taskledger/read-store';

/** State, checkpoint, lag and size of each read model. */
export const projectionsStatus = (
  stores: { readStore: ReadStore; eventStore: EventStore },
  projections: readonly AnyProjection[] = readModels,
): Promise<ProjectionStatus[]> => projectionStatus(stores.eventStore, stores.readStore, projections);
