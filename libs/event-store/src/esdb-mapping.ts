import { TaskledgerError } from '@taskledger/errors';
import {
  ANY,
  BACKWARDS,
  END,
  ErrorType,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  AppendExpectedRevision,
  CurrentRevision,
  Filter,
  Position as ClientPosition,
  ReadPosition,
  ReadStreamOptions as ClientReadStreamOptions,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  isCommandError,
  streamNameFilter,
} from '@eventstore/db-client';

import { filterEventTypes, streamPrefixes } from './append-rules';
import { appendTooLarge } from './esdb-append-size';
import {
  concurrencyConflict,
  EventFilter,
  ExpectedRevision,
  ReadStreamOptions,
  StreamRevision,
} from './event-store.port';
import { Position } from './position';

/** A stream revision as the client reports it (bigint), as our number. */
export const fromClientRevision = (revision: bigint): number => {
  if (revision > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new TaskledgerError('InvalidArgument', `stream revision ${revision} is beyond what taskledger can count`);
  }
  return Number(revision);
};

const assertNonNegativeInteger = (revision: number, what: string): void => {
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new TaskledgerError('InvalidArgument', `${what} must be a non-negative integer, got ${revision}`);
  }
};

export const toClientExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      assertNonNegativeInteger(expected, 'an expected revision');
      return BigInt(expected);
  }
};

export const fromClientExpectedRevision = (expected: AppendExpectedRevision): ExpectedRevision =>
  typeof expected === 'bigint' ? fromClientRevision(expected) : expected;

/** The stream's actual revision as a WrongExpectedVersionError reports it. */
export const fromClientCurrentRevision = (current: CurrentRevision): StreamRevision =>
  current === NO_STREAM ? 'no_stream' : fromClientRevision(current);

/**
 * A WrongExpectedVersionError as the other adapters report the same situation: under `any`, or
 * `stream_exists` on a stream that exists, the server raises it only for a batch that repeats
 * part of an earlier one (DuplicateEventId); otherwise the stream moved (a ConcurrencyConflict error).
 */
export const concurrencyErrorFrom = (
  streamName: string,
  expected: ExpectedRevision,
  error: WrongExpectedVersionError,
): TaskledgerError => appendConflict(streamName, expected, fromClientCurrentRevision(error.actualVersion));

/** A refused append, given the stream's actual revision: see concurrencyErrorFrom. */
export const appendConflict = (
  streamName: string,
  expected: ExpectedRevision,
  actual: StreamRevision,
): TaskledgerError => {
  if (expected === 'any' || (expected === 'stream_exists' && actual !== 'no_stream')) {
    return new TaskledgerError(
      'DuplicateEventId',
      `append to ${streamName} repeats only part of an earlier append; re-send the whole batch or new ids`,
      { streamName },
    );
  }
  return concurrencyConflict(streamName, expected, actual);
};

export const fromClientPosition = (position: ClientPosition): Position => ({
  commit: position.commit,
  prepare: position.prepare,
});

export const toClientPosition = (position: Position): ClientPosition => ({
  commit: position.commit,
  prepare: position.prepare,
});

/** 'start' or a position; EventStoreDB reads $all from a position inclusively and subscribes after it exclusively, as our port does. */
export const toReadPosition = (from: Position | 'start' | undefined): ReadPosition =>
  from === undefined || from === 'start' ? START : toClientPosition(from);

/**
 * Our readStream options as the client's, or null when the answer is surely empty (no
 * events wanted, or reading backwards from before the first revision).
 */
export const toClientReadStreamOptions = (options: ReadStreamOptions): ClientReadStreamOptions | null => {
  const backwards = options.direction === 'backwards';
  if (options.maxCount !== undefined && options.maxCount <= 0) return null;
  if (backwards && options.fromRevision !== undefined && options.fromRevision < 0) return null;
  const from = options.fromRevision === undefined ? undefined : Math.max(options.fromRevision, 0);
  if (from !== undefined) assertNonNegativeInteger(from, 'fromRevision');
  return {
    direction: backwards ? BACKWARDS : FORWARDS,
    fromRevision: from === undefined ? (backwards ? END : START) : BigInt(from),
    ...(options.maxCount === undefined || !Number.isFinite(options.maxCount)
      ? {}
      : { maxCount: Math.ceil(options.maxCount) }),
  };
};

/** Escapes every character a .NET or JavaScript regular expression treats specially. */
export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, (char) => `\\${char}`);

/** A regex matching exactly these event types, e.g. `^(TaskRegistered|TaskSkipped)$`. */
export const eventTypesRegex = (types: readonly string[]): string =>
  types.length === 0 ? MATCH_NOTHING : `^(${types.map(escapeRegex).join('|')})$`;

/** No event type is empty, and `(?!)` never matches: the regex for an empty list of types or prefixes. */
const MATCH_NOTHING = '^(?!)';

/**
 * Our filter as a server-side $all filter: stream prefixes filter on stream names, event types
 * on an anchored regex; no filter still excludes system events (types starting with `$`).
 */
export const toClientFilter = (filter: EventFilter | undefined): Filter => {
  const prefixes = streamPrefixes(filter);
  if (prefixes)
    return prefixes.length === 0
      ? eventTypeFilter({ regex: MATCH_NOTHING })
      : streamNameFilter({ prefixes: [...prefixes] });
  const types = filterEventTypes(filter);
  return types ? eventTypeFilter({ regex: eventTypesRegex(types) }) : excludeSystemEvents();
};

/** EventStoreDB's own records ($-streams such as `$ce-task`, `$`-types such as links `$>`): never ours. */
export const isSystemEvent = (streamName: string, type: string): boolean =>
  streamName.startsWith('$') || type.startsWith('$');

/**
 * Connection trouble, a node that is not (yet) leader, and a live stream the server cancels
 * when it shuts down (CancelledError from server 24.4; the client filters out its own
 * cancellations before converting).
 */
const UNAVAILABLE = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.CANCELLED,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
]);
/** gRPC status codes DEADLINE_EXCEEDED and UNAVAILABLE: the client passes some connection failures on unconverted. */
const UNAVAILABLE_GRPC_CODES = new Set([4, 14]);

const unavailableKind = (error: Error): string | null => {
  if (isCommandError(error)) return UNAVAILABLE.has(error.type) ? error.type : null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' && UNAVAILABLE_GRPC_CODES.has(code) ? `grpc status ${code}` : null;
};

/**
 * Connection trouble becomes TaskledgerError('StoreUnavailable'), an append above the server's
 * MaxAppendSize an input error naming the limit; anything else passes through unchanged.
 */
export const storeError = (error: unknown, streamName = 'the stream'): unknown => {
  if (error instanceof MaxAppendSizeExceededError) return appendTooLarge(streamName, error.maxAppendSize);
  const kind = error instanceof Error ? unavailableKind(error) : null;
  return kind
    ? new TaskledgerError('StoreUnavailable', `EventStoreDB is unavailable (${kind}): ${(error as Error).message}`, {
        cause: kind,
      })
    : error;
};
