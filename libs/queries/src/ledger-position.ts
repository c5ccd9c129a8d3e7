import { comparePositions, parsePosition } from '@taskledger/event-store';
import { AnyProjection, readModels } from '@taskledger/projections';
import { ReadStore } from '@taskledger/read-store';

/**
 * How fresh the read models are: the lowest checkpoint position among them (every event up to it
 * is reflected in every read model); null while any of them has applied nothing.
 */
export const ledgerPosition = async (
  readStore: ReadStore,
  projections: readonly AnyProjection[] = readModels,
): Promise<string | null> => {
  let lowest: string | null = null;
  for (const projection of projections) {
    const position = (await readStore.getCheckpoint(projection.name))?.position ?? null;
    if (position === null) return null;
    if (lowest === null || comparePositions(parsePosition(position), parsePosition(lowest)) < 0) lowest = position;
  }
  return lowest;
};
