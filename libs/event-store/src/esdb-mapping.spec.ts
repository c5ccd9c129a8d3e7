import { TaskledgerError, isTaskledgerError } from '@taskledger/errors';
import fc from 'fast-check';
import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  CancelledError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';

import {
  concurrencyErrorFrom,
  eventTypesRegex,
  fromClientCurrentRevision,
  fromClientExpectedRevision,
  fromClientPosition,
  isSystemEvent,
  storeError,
  toClientExpectedRevision,
  toClientFilter,
  toClientPosition,
  toClientReadStreamOptions,
  toReadPosition,
} from './esdb-mapping';
import { ExpectedRevision } from './event-store.port';
import { comparePositions } from './position';

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

const expectedRevisions = fc.oneof(fc.constantFrom<ExpectedRevision>('any', 'no_stream', 'stream_exists'), fc.nat());
const logOffsets = fc.bigInt({ min: 0n, max: 2n ** 62n });

describe('esdb mapping: expected revisions', () => {
  it('maps the named expectations to the client constants and numbers to bigints', () => {
    expect(toClientExpectedRevision('any')).toBe(ANY);
    expect(toClientExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toClientExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toClientExpectedRevision(7)).toBe(7n);
  });

  it('round-trips every expected revision through the client form', () => {
    fc.assert(
      fc.property(
        expectedRevisions,
        (expected) => fromClientExpectedRevision(toClientExpectedRevision(expected)) === expected,
      ),
    );
  });

  it('refuses a negative or fractional revision instead of sending it', () => {
    expect(
      isTaskledgerError(
        thrown(() => toClientExpectedRevision(-1)),
        'InvalidArgument',
      ),
    ).toBe(true);
    expect(
      isTaskledgerError(
        thrown(() => toClientExpectedRevision(1.5)),
        'InvalidArgument',
      ),
    ).toBe(true);
  });

  it('reads the actual revision of a WrongExpectedVersionError into a ConcurrencyConflict error', () => {
    const atThree = new WrongExpectedVersionError(undefined, { streamName: 'task-B-1', expected: 0n, current: 3n });
    const missing = new WrongExpectedVersionError(undefined, {
      streamName: 'task-B-2',
      expected: 2n,
      current: NO_STREAM,
    });
    const error = concurrencyErrorFrom('task-B-1', 0, atThree);
    expect(error).toMatchObject({ code: 'ConcurrencyConflict' });
    expect(error).toMatchObject({
      code: 'ConcurrencyConflict',
      details: { streamName: 'task-B-1', expected: 0, actual: 3 },
    });
    expect(concurrencyErrorFrom('task-B-2', 2, missing)).toMatchObject({ details: { actual: 'no_stream' } });
  });

  // With any / stream_exists the server raises WrongExpectedVersion only for a batch that
  // repeats part of an earlier one: the other adapters call that DuplicateEventId.
  it('reports a wrong expected version under any, or stream_exists on an existing stream, as DuplicateEventId', () => {
    const atThree = new WrongExpectedVersionError(undefined, { streamName: 'task-B-1', expected: ANY, current: 3n });
    for (const expected of ['any', 'stream_exists'] as const) {
      const error = concurrencyErrorFrom('task-B-1', expected, atThree);
      expect(error).toMatchObject({ code: 'DuplicateEventId' });
      expect(error.message).toMatch(/task-B-1 repeats only part of an earlier append/);
    }
    const missing = new WrongExpectedVersionError(undefined, {
      streamName: 'task-B-2',
      expected: STREAM_EXISTS,
      current: NO_STREAM,
    });
    expect(concurrencyErrorFrom('task-B-2', 'stream_exists', missing)).toMatchObject({ code: 'ConcurrencyConflict' });
  });

  it('reads the current revision a WrongExpectedVersionError carries', () => {
    expect(fromClientCurrentRevision(9n)).toBe(9);
    expect(fromClientCurrentRevision(NO_STREAM)).toBe('no_stream');
  });
});

describe('esdb mapping: positions', () => {
  it('round-trips (commit, prepare) pairs both ways and keeps their order', () => {
    fc.assert(
      fc.property(logOffsets, logOffsets, logOffsets, logOffsets, (c1, p1, c2, p2) => {
        const [a, b] = [
          { commit: c1, prepare: p1 },
          { commit: c2, prepare: p2 },
        ];
        expect(toClientPosition(fromClientPosition(a))).toEqual(a);
        expect(fromClientPosition(toClientPosition(a))).toEqual(a);
        expect(comparePositions(fromClientPosition(a), fromClientPosition(b))).toBe(comparePositions(a, b));
      }),
    );
  });

  it('reads from the start by default and from a given position otherwise', () => {
    expect(toReadPosition(undefined)).toBe(START);
    expect(toReadPosition('start')).toBe(START);
    expect(toReadPosition({ commit: 120n, prepare: 100n })).toEqual({ commit: 120n, prepare: 100n });
  });
});

describe('esdb mapping: readStream options', () => {
  it('reads forwards from the start, or backwards from the end, by default', () => {
    expect(toClientReadStreamOptions({})).toEqual({ direction: FORWARDS, fromRevision: START });
    expect(toClientReadStreamOptions({ direction: 'backwards' })).toEqual({ direction: BACKWARDS, fromRevision: END });
  });

  it('passes a revision as a bigint and the count as given', () => {
    expect(toClientReadStreamOptions({ fromRevision: 2, maxCount: 2 })).toEqual({
      direction: FORWARDS,
      fromRevision: 2n,
      maxCount: 2,
    });
    expect(toClientReadStreamOptions({ fromRevision: -3 })).toMatchObject({ fromRevision: 0n });
    expect(toClientReadStreamOptions({ maxCount: Infinity })).not.toHaveProperty('maxCount');
  });

  it('knows without asking that no events are wanted', () => {
    expect(toClientReadStreamOptions({ maxCount: 0 })).toBeNull();
    expect(toClientReadStreamOptions({ direction: 'backwards', fromRevision: -1 })).toBeNull();
  });
});

describe('esdb mapping: filters', () => {
  it('filters stream prefixes on stream names', () => {
    expect(toClientFilter({ streamPrefix: 'task-' })).toMatchObject({ filterOn: 'streamName', prefixes: ['task-'] });
    expect(toClientFilter({ streamPrefix: ['task-', 'backlog-'] })).toMatchObject({ prefixes: ['task-', 'backlog-'] });
  });

  it('filters event types with one anchored regex', () => {
    expect(toClientFilter({ eventTypes: ['TaskRegistered', 'TaskSkipped'] })).toMatchObject({
      filterOn: 'eventType',
      regex: '^(TaskRegistered|TaskSkipped)$',
    });
  });

  it('excludes system events when there is no filter', () => {
    const filter = toClientFilter(undefined);
    expect(filter).toMatchObject({ filterOn: 'eventType' });
    const regex = new RegExp((filter as { regex: string }).regex);
    expect(regex.test('TaskRegistered')).toBe(true);
    expect(regex.test('$>')).toBe(false);
  });

  it('matches exactly the listed types, whatever characters they hold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 }),
        fc.string({ maxLength: 6 }),
        (types, candidate) => {
          const regex = new RegExp(eventTypesRegex(types));
          types.forEach((type) => expect(regex.test(type)).toBe(true));
          expect(regex.test(candidate)).toBe(types.includes(candidate));
        },
      ),
    );
  });

  it('lets nothing through for an empty list of prefixes or types', () => {
    const none = new RegExp((toClientFilter({ streamPrefix: [] }) as { regex: string }).regex);
    expect(['', 'TaskRegistered', '$>'].some((type) => none.test(type))).toBe(false);
    expect(eventTypesRegex([])).toBe((toClientFilter({ eventTypes: [] }) as { regex: string }).regex);
  });

  it('recognises EventStoreDB records by a $ on the stream or the type', () => {
    expect(isSystemEvent('$ce-task', 'TaskRegistered')).toBe(true);
    expect(isSystemEvent('task-B-1', '$>')).toBe(true);
    expect(isSystemEvent('task-B-1', 'TaskRegistered')).toBe(false);
  });
});

describe('esdb mapping: errors', () => {
  it('turns an unreachable server into StoreUnavailable and leaves other errors alone', () => {
    const other = new Error('something else');
    const refused = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    expect(isTaskledgerError(storeError(new UnavailableError()), 'StoreUnavailable')).toBe(true);
    expect(isTaskledgerError(storeError(refused), 'StoreUnavailable')).toBe(true);
    expect(storeError(Object.assign(new Error('bad request'), { code: 3 }))).not.toBeInstanceOf(TaskledgerError);
    expect(storeError(other)).toBe(other);
  });

  it('reports a live stream the server cancels on shutdown (24.4 and later) as StoreUnavailable', () => {
    const mapped = storeError(new CancelledError());
    expect(isTaskledgerError(mapped, 'StoreUnavailable')).toBe(true);
    expect((mapped as Error).message).toMatch(/EventStoreDB is unavailable \(cancelled\)/);
  });
});
