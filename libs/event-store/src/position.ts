import { defined, TaskledgerError } from '@taskledger/errors';

/**
 * A place in the global order of all events. Opaque to callers: compare with
 * `comparePositions`, persist with `positionToString` / `parsePosition`.
 * EventStoreDB positions are (commit, prepare) log offsets; embedded stores use a
 * gap-free sequence number for both, so `commit` there is the event's ordinal.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const sequencePosition = (sequence: number | bigint): Position => {
  const value = BigInt(sequence);
  return { commit: value, prepare: value };
};

export const comparePositions = (a: Position, b: Position): number => {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
};

/** `42` for sequence positions, `1234/1200` for EventStoreDB log positions. */
export const positionToString = (position: Position): string =>
  position.commit === position.prepare ? `${position.commit}` : `${position.commit}/${position.prepare}`;

export const parsePosition = (text: string): Position => {
  const match = /^(\d+)(?:\/(\d+))?$/.exec(text.trim());
  if (!match) {
    throw new TaskledgerError('InvalidArgument', `"${text}" is not an event position (expected N or COMMIT/PREPARE)`);
  }
  const commit = BigInt(defined(match[1], 'the commit digits'));
  return { commit, prepare: match[2] === undefined ? commit : BigInt(match[2]) };
};
