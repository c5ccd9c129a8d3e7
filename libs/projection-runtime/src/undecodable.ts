import { TaskledgerError } from '@taskledger/errors';
import { comparePositions, Position, positionToString } from '@taskledger/event-store';

import { DocumentChange, ReadStore } from '@taskledger/read-store';
import { PoisonPolicy } from './batch-apply';
import { DEAD_LETTERS, deadLetter } from './dead-letters';
import { commitLanes, Lane } from './lanes';

/** What the event store puts in an UndecodableEvent error's details. */
type UndecodableDetails = {
  position: Position;
  streamName: string;
  eventId: string;
  type: string;
};

/**
 * An event no reader can decode (unknown type, newer schema, failed upcast): every projection
 * that has not passed it records a dead letter and moves past it, or stops there (onPoison 'stop').
 */
export const recordUndecodable = async (
  store: ReadStore,
  lanes: Lane[],
  error: TaskledgerError,
  policy: PoisonPolicy,
): Promise<void> => {
  const details = error.details as UndecodableDetails;
  const behind = lanes.filter(
    (lane) => !lane.failure && (lane.position === null || comparePositions(lane.position, details.position) < 0),
  );
  const event = { id: details.eventId, type: details.type, position: details.position, streamName: details.streamName };
  const changes: DocumentChange[] = behind.map((lane) => ({
    op: 'put',
    collection: DEAD_LETTERS,
    doc: deadLetter(lane.projection.name, event, error.message, policy.now()),
  }));
  for (const lane of behind) {
    if (policy.onPoison === 'stop')
      lane.failure = `undecodable event at position ${positionToString(details.position)}: ${error.message}`;
    else lane.position = details.position;
  }
  await commitLanes(store, behind, changes);
};
