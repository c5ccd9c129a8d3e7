import { isTaskledgerError } from '@taskledger/errors';
import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@taskledger/events';
import { completed, envelopes, registered, testContext } from '@taskledger/events/testing';
import { describeChainContract } from './event-store-chain.contract';
import { EventStore, RecordedEvent, Subscription, SubscriptionMessage } from './event-store.port';
import { comparePositions } from './position';

export interface ContractSubject {
  store: EventStore;
  /** Another client (connection) on the same store, for concurrency tests. */
  openSecondClient: () => Promise<EventStore>;
  cleanup: () => Promise<void>;
}
export type ContractFactory = () => Promise<ContractSubject>;

/** Fresh envelopes with random ids, so a shared server (ESDB) never sees an id twice. */
export const someEvents = (taskId: string, count: number): EventEnvelope[] =>
  envelopes(
    Array.from({ length: count }, (_, index) =>
      index === 0 ? registered(taskId) : completed(taskId, { attempt: index }),
    ),
    testContext({ newId: randomUUID }),
  );

export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

/** Reads messages from a subscription until `until` says stop (or it ends). */
export const take = async (
  subscription: Subscription,
  until: (received: SubscriptionMessage[]) => boolean,
): Promise<SubscriptionMessage[]> => {
  const received: SubscriptionMessage[] = [];
  for await (const message of subscription) {
    received.push(message);
    if (until(received)) break;
  }
  return received;
};

export const eventIds = (events: readonly RecordedEvent[]): string[] => events.map((event) => event.id);

export const caughtError = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
};

/**
 * One suite for every EventStore adapter. Streams get a per-run category (`c<run>-...`), and
 * $all reads filter on it, so the suite also runs against a shared EventStoreDB server.
 */
export const describeEventStoreContract = (adapterName: string, factory: ContractFactory): void => {
  describe(`${adapterName} event store (contract)`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    const run = `c${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    let streamCount = 0;
    const newStream = () => `${run}-s${(streamCount += 1)}`;
    const ofThisRun = { streamPrefix: `${run}-` };

    beforeEach(async () => {
      subject = await factory();
      store = subject.store;
    });
    afterEach(async () => subject.cleanup());

    describeChainContract({
      store: () => store,
      openSecondClient: () => subject.openSecondClient(),
      newStream,
      someEvents,
    });

    describe('appending and reading a stream', () => {
      it('numbers events from revision 0 and reads them back in order with their data', async () => {
        const stream = newStream();
        const events = someEvents('B-1', 3);
        const result = await store.append(stream, events, { expectedRevision: 'no_stream' });
        const read = await store.readStream(stream);
        expect(result.nextExpectedRevision).toBe(2);
        expect(read.map((event) => event.revision)).toEqual([0, 1, 2]);
        expect(eventIds(read)).toEqual(eventIds(events as RecordedEvent[]));
        expect(read[1]).toMatchObject({ type: events[1]!.type, data: events[1]!.data, metadata: events[1]!.metadata });
        expect(comparePositions(read[2]!.position, result.position)).toBe(0);
      });

      it('reads backwards, from a revision, and at most maxCount events', async () => {
        const stream = newStream();
        await store.append(stream, someEvents('B-2', 5), { expectedRevision: 'no_stream' });
        const backwards = await store.readStream(stream, { direction: 'backwards', maxCount: 2 });
        const middle = await store.readStream(stream, { fromRevision: 2, maxCount: 2 });
        const backFrom = await store.readStream(stream, { direction: 'backwards', fromRevision: 1 });
        expect(backwards.map((event) => event.revision)).toEqual([4, 3]);
        expect(middle.map((event) => event.revision)).toEqual([2, 3]);
        expect(backFrom.map((event) => event.revision)).toEqual([1, 0]);
      });

      it('returns no events and no revision for a stream that does not exist', async () => {
        const stream = newStream();
        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.streamRevision(stream)).toBe('no_stream');
      });

      it('writes nothing when one event of a batch is invalid, and names the field', async () => {
        const stream = newStream();
        const [good, bad] = someEvents('B-3', 2);
        const invalid = { ...bad!, data: { ...bad!.data, durationMs: -1 } } as EventEnvelope;
        const error = await caughtError(store.append(stream, [good!, invalid], { expectedRevision: 'any' }));
        expect(isTaskledgerError(error, 'InvalidEvent')).toBe(true);
        expect((error as Error).message).toMatch(/TaskExecutionCompleted.*data\.durationMs/);
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('expected revisions', () => {
      const appendAt = async (
        stream: string,
        expectedRevision: Parameters<EventStore['append']>[2]['expectedRevision'],
      ) => store.append(stream, someEvents('B-4', 1), { expectedRevision });

      it('accepts no_stream only for a new stream, reporting the actual revision otherwise', async () => {
        const stream = newStream();
        await appendAt(stream, 'no_stream');
        const error = await caughtError(appendAt(stream, 'no_stream'));
        expect(error).toMatchObject({
          code: 'ConcurrencyConflict',
          details: { streamName: stream, expected: 'no_stream', actual: 0 },
        });
      });

      it('accepts an exact revision only when it is the current one', async () => {
        const stream = newStream();
        await appendAt(stream, 'no_stream');
        await appendAt(stream, 0);
        const error = await caughtError(appendAt(stream, 0));
        expect(error).toMatchObject({ code: 'ConcurrencyConflict', details: { expected: 0, actual: 1 } });
        expect(await store.streamRevision(stream)).toBe(1);
      });

      it('rejects a revision for a stream that does not exist', async () => {
        const error = await caughtError(appendAt(newStream(), 3));
        expect(error).toMatchObject({ code: 'ConcurrencyConflict', details: { expected: 3, actual: 'no_stream' } });
      });

      it('accepts stream_exists only once the stream has events', async () => {
        const stream = newStream();
        const error = await caughtError(appendAt(stream, 'stream_exists'));
        expect(error).toMatchObject({
          code: 'ConcurrencyConflict',
          details: { expected: 'stream_exists', actual: 'no_stream' },
        });
        await appendAt(stream, 'any');
        await expect(appendAt(stream, 'stream_exists')).resolves.toMatchObject({ nextExpectedRevision: 1 });
      });

      it('accepts any whatever the stream holds', async () => {
        const stream = newStream();
        await appendAt(stream, 'any');
        await expect(appendAt(stream, 'any')).resolves.toMatchObject({ nextExpectedRevision: 1 });
      });
    });

    describe('idempotent appends', () => {
      it('treats re-sending the same events at the same expected revision as a no-op with the same result', async () => {
        const stream = newStream();
        const first = someEvents('B-5', 2);
        const firstResult = await store.append(stream, first, { expectedRevision: 'no_stream' });
        const second = someEvents('B-5', 1);
        await store.append(stream, second, { expectedRevision: 1 });
        const again = await store.append(stream, first, { expectedRevision: 'no_stream' });
        expect(again.nextExpectedRevision).toBe(firstResult.nextExpectedRevision);
        expect(comparePositions(again.position, firstResult.position)).toBe(0);
        expect((await store.readStream(stream)).map((event) => event.id)).toEqual(
          [...first, ...second].map((e) => e.id),
        );
      });

      it('refuses an id reused with different content', async () => {
        const stream = newStream();
        const [event] = someEvents('B-6', 1);
        await store.append(stream, [event!], { expectedRevision: 'no_stream' });
        const altered = { ...event!, data: { ...event!.data, taskId: 'B-7' } } as EventEnvelope;
        const error = await caughtError(store.append(stream, [altered], { expectedRevision: 'no_stream' }));
        expect(isTaskledgerError(error)).toBe(true);
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('event ids', () => {
      it('keeps an id given in upper case in lower case, the same id either way', async () => {
        const stream = newStream();
        const [event] = someEvents('B-9', 1);
        const upper = { ...event!, id: event!.id.toUpperCase() };
        const first = await store.append(stream, [upper], { expectedRevision: 'no_stream' });
        expect((await store.readStream(stream)).map((stored) => stored.id)).toEqual([event!.id.toLowerCase()]);
        const again = await store.append(stream, [event!], { expectedRevision: 'no_stream' });
        expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(await store.streamRevision(stream)).toBe(0);
      });
    });

    describe('partly repeated batches', () => {
      it('refuses a batch that repeats part of an earlier one with DuplicateEventId, whatever the expectation', async () => {
        const stream = newStream();
        const first = someEvents('B-8', 2);
        await store.append(stream, first, { expectedRevision: 'no_stream' });
        for (const expectedRevision of ['any', 'stream_exists'] as const) {
          const partly = [first[1]!, ...someEvents('B-8', 1)];
          const error = await caughtError(store.append(stream, partly, { expectedRevision }));
          expect(error).toMatchObject({ code: 'DuplicateEventId' });
        }
        expect(await store.streamRevision(stream)).toBe(1);
      });
    });

    describe('two clients appending to one store', () => {
      it('lets exactly one of two writers at the same expected revision win', async () => {
        const other = await subject.openSecondClient();
        try {
          const stream = newStream();
          await store.append(stream, someEvents('B-8', 1), { expectedRevision: 'no_stream' });
          const outcomes = await Promise.allSettled([
            store.append(stream, someEvents('B-8', 1), { expectedRevision: 0 }),
            other.append(stream, someEvents('B-8', 1), { expectedRevision: 0 }),
          ]);
          const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
          expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
          expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'ConcurrencyConflict' });
          expect(await other.readStream(stream)).toHaveLength(2);
        } finally {
          await other.close();
        }
      });

      it('keeps every event of interleaved appends, each client seeing the other', async () => {
        const other = await subject.openSecondClient();
        try {
          const stream = newStream();
          const writes = Array.from({ length: 20 }, (_, index) =>
            (index % 2 === 0 ? store : other).append(stream, someEvents('B-9', 2), { expectedRevision: 'any' }),
          );
          await Promise.all(writes);
          const read = await other.readStream(stream);
          expect(read.map((event) => event.revision)).toEqual(Array.from({ length: 40 }, (_, index) => index));
        } finally {
          await other.close();
        }
      });
    });

    describe('reading all events', () => {
      it('gives one global order across streams with increasing positions', async () => {
        const [a, b] = [newStream(), newStream()];
        const first = someEvents('B-10', 2);
        const second = someEvents('B-11', 2);
        await store.append(a, first.slice(0, 1), { expectedRevision: 'any' });
        await store.append(b, second, { expectedRevision: 'any' });
        await store.append(a, first.slice(1), { expectedRevision: 'any' });
        const all = await collect(store.readAll({ filter: { streamPrefix: [a, b] } }));
        expect(eventIds(all)).toEqual([first[0]!.id, second[0]!.id, second[1]!.id, first[1]!.id]);
        all.slice(1).forEach((event, index) => expect(comparePositions(all[index]!.position, event.position)).toBe(-1));
        const head = await store.headPosition();
        expect(comparePositions(head!, all[3]!.position)).toBeGreaterThanOrEqual(0);
      });

      it('starts at a position (inclusive) and stops after maxCount', async () => {
        const stream = newStream();
        await store.append(stream, someEvents('B-12', 4), { expectedRevision: 'any' });
        const all = await collect(store.readAll({ filter: { streamPrefix: stream } }));
        const fromThird = await collect(
          store.readAll({ fromPosition: all[2]!.position, filter: { streamPrefix: stream } }),
        );
        const two = await collect(store.readAll({ filter: { streamPrefix: stream }, maxCount: 2 }));
        expect(eventIds(fromThird)).toEqual(eventIds(all.slice(2)));
        expect(eventIds(two)).toEqual(eventIds(all.slice(0, 2)));
      });

      it('counts the events after a position, which is how far behind a reader is', async () => {
        const stream = newStream();
        await store.append(stream, someEvents('B-16', 3), { expectedRevision: 'any' });
        const mine = await collect(store.readAll({ filter: { streamPrefix: stream } }));
        const head = await store.headPosition();
        expect(await store.countEventsAfter(head!)).toBe(0);
        expect(await store.countEventsAfter(mine[0]!.position)).toBe(2);
        expect(await store.countEventsAfter('start')).toBeGreaterThanOrEqual(3);
      });

      it('filters by event type', async () => {
        const stream = newStream();
        await store.append(stream, someEvents('B-13', 3), { expectedRevision: 'any' });
        const completions = await collect(store.readAll({ filter: { eventTypes: ['TaskExecutionCompleted'] } }));
        const ours = completions.filter((event) => event.streamName === stream);
        expect(ours.map((event) => event.type)).toEqual(['TaskExecutionCompleted', 'TaskExecutionCompleted']);
        expect(completions.every((event) => event.type === 'TaskExecutionCompleted')).toBe(true);
      });
    });

    describe('subscribing to all events', () => {
      it('catches up on past events, says so, then delivers new ones live', async () => {
        const stream = newStream();
        const past = someEvents('B-14', 2);
        await store.append(stream, past, { expectedRevision: 'no_stream' });
        const subscription = store.subscribeToAll({ filter: { streamPrefix: stream } });
        const live = someEvents('B-14', 1);
        const received = take(subscription, (messages) => messages.filter((m) => m.kind === 'event').length === 3);
        setTimeout(() => void store.append(stream, live, { expectedRevision: 1 }), 50);
        const messages = await received;
        await subscription.stop();
        expect(messages.map((m) => (m.kind === 'event' ? m.event.id : 'caught-up'))).toEqual([
          past[0]!.id,
          past[1]!.id,
          'caught-up',
          live[0]!.id,
        ]);
      });

      it('resumes after a checkpoint position without repeating it', async () => {
        const stream = newStream();
        await store.append(stream, someEvents('B-15', 3), { expectedRevision: 'no_stream' });
        const all = await collect(store.readAll({ filter: ofThisRun }));
        const mine = all.filter((event) => event.streamName === stream);
        const subscription = store.subscribeToAll({
          fromPosition: mine[0]!.position,
          filter: { streamPrefix: stream },
        });
        const messages = await take(subscription, (received) => received.some((m) => m.kind === 'caught-up'));
        await subscription.stop();
        const ids = messages.flatMap((m) => (m.kind === 'event' ? [m.event.id] : []));
        expect(ids).toEqual(eventIds(mine.slice(1)));
      });

      // Stopped while a read for live events is pending, once it said it caught up; not after a
      // delay: a filtered catch-up over a shared server's $all can take any time.
      it('ends the iteration cleanly when stopped while waiting', async () => {
        const subscription = store.subscribeToAll({ filter: { streamPrefix: newStream() } });
        const iterator = subscription[Symbol.asyncIterator]();
        expect((await iterator.next()).value).toMatchObject({ kind: 'caught-up' });
        const waiting = iterator.next();
        await subscription.stop();
        expect(await waiting).toMatchObject({ done: true });
      });
    });
  });
};
