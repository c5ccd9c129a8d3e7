import { EventStore, parsePosition, positionToString } from '@taskledger/event-store';
import { AnyProjection } from '@taskledger/projections';
import { Checkpoint, ReadStore } from '@taskledger/read-store';
import { DEAD_LETTERS } from './dead-letters';
import { shadowName } from './lanes';

export type ProjectionState = 'catching-up' | 'live' | 'rebuilding' | 'stopped' | 'failing';

export interface ProjectionStatus {
  name: string;
  version: number;
  state: ProjectionState;
  /** The live read model's checkpoint (what queries see). */
  position: string | null;
  headPosition: string | null;
  /** Events the live read model has not applied yet. */
  lag: number;
  documents: number;
  deadLetters: number;
  /** Throughput of the last run that wrote this checkpoint, when known. */
  eventsPerSecond: number | null;
  /** Why a projection stopped, when it did. */
  failure: string | null;
}

interface CheckpointState {
  eventsPerSecond?: number;
  failure?: string;
}

const stateOf = (checkpoint: Checkpoint | null): CheckpointState => (checkpoint?.state ?? {}) as CheckpointState;

/** The status of each projection, read from its checkpoints and the stores. */
export const projectionStatus = async (
  eventStore: EventStore,
  readStore: ReadStore,
  projections: readonly AnyProjection[],
): Promise<ProjectionStatus[]> => {
  const head = await eventStore.headPosition();
  await readStore.ensureCollection(DEAD_LETTERS, { indexes: [['projection']] });
  const statuses: ProjectionStatus[] = [];
  for (const projection of projections) {
    const live = await readStore.getCheckpoint(projection.name);
    const shadow = await readStore.getCheckpoint(shadowName(projection.name));
    const lag = await eventStore.countEventsAfter(live?.position ? parsePosition(live.position) : 'start');
    const failure = stateOf(shadow).failure ?? stateOf(live).failure ?? null;
    const rebuilding = shadow !== null || (live !== null && live.version !== projection.version);
    statuses.push({
      name: projection.name,
      version: live?.version ?? projection.version,
      state: failure ? 'failing' : rebuilding ? 'rebuilding' : lag > 0 || live === null ? 'catching-up' : 'live',
      position: live?.position ?? null,
      headPosition: head ? positionToString(head) : null,
      lag,
      documents: live ? await readStore.count(projection.name) : 0,
      deadLetters: await readStore.count(DEAD_LETTERS, { projection: projection.name }),
      eventsPerSecond: stateOf(live).eventsPerSecond ?? null,
      failure,
    });
  }
  return statuses;
};
