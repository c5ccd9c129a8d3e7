import { TaskledgerError, isTaskledgerError } from '@taskledger/errors';
import { Transform } from 'node:stream';

import { PushSource, pushSubscription } from './esdb-subscription';
import { RecordedEvent, Subscription, SubscriptionMessage } from './event-store.port';
import { sequencePosition } from './position';

const CAUGHT_UP = 'caught-up from the server';

/**
 * A stand-in for the client's subscription stream, so the push-to-pull conversion can be tested
 * without a server: like the client's Subscription it is an object-mode Transform that emits
 * 'caughtUp' while transforming the server's CaughtUp message (written here as CAUGHT_UP), in
 * order with the events before it. Items are numbers; decoding turns n into an event `e<n>`.
 */
const pushStream = () => {
  const stream = new Transform({
    objectMode: true,
    highWaterMark: 2,
    transform(chunk: number | typeof CAUGHT_UP, _encoding, next) {
      if (chunk !== CAUGHT_UP) return next(null, chunk);
      this.emit('caughtUp');
      next();
    },
  });
  return Object.assign(stream, { unsubscribe: jest.fn(async () => undefined) });
};

const event = (n: number) => ({ id: `e${n}`, position: sequencePosition(n) }) as unknown as RecordedEvent;
const head = sequencePosition(99);

const subscribe = (
  source: PushSource<number>,
  decode = (n: number): RecordedEvent | null => event(n),
  bufferSize = 512,
) => pushSubscription<number>({ open: () => source, decode, headPosition: async () => head, bufferSize });

const label = (message: SubscriptionMessage) => (message.kind === 'event' ? message.event.id : 'caught-up');

/** Pulls `count` messages (labels) from an already started iterator. */
const pull = async (iterator: AsyncIterator<SubscriptionMessage>, count: number): Promise<string[]> => {
  const labels: string[] = [];
  while (labels.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    labels.push(label(next.value));
  }
  return labels;
};

const start = (subscription: Subscription) => subscription[Symbol.asyncIterator]();

describe('esdb push subscription', () => {
  it('delivers pushed events in order, then caught-up once, then live events', async () => {
    const source = pushStream();
    const iterator = start(subscribe(source));
    const first = iterator.next();
    [1, 2].forEach((n) => source.write(n));
    source.write(CAUGHT_UP);
    source.write(3);
    source.write(CAUGHT_UP);
    const messages = [label((await first).value as SubscriptionMessage), ...(await pull(iterator, 3))];
    expect(messages).toEqual(['e1', 'e2', 'caught-up', 'e3']);
  });

  it('keeps caught-up after events still buffered in the client stream when the server says so', async () => {
    const source = pushStream();
    const iterator = start(subscribe(source));
    const first = iterator.next();
    source.pause();
    [1, 2, 3].forEach((n) => source.write(n));
    source.write(CAUGHT_UP);
    source.resume();
    const messages = [label((await first).value as SubscriptionMessage), ...(await pull(iterator, 3))];
    expect(messages).toEqual(['e1', 'e2', 'e3', 'caught-up']);
  });

  it('reports the store head with caught-up', async () => {
    const source = pushStream();
    const iterator = start(subscribe(source));
    const first = iterator.next();
    source.write(CAUGHT_UP);
    expect((await first).value).toEqual({ kind: 'caught-up', position: head });
  });

  it('skips what decode rejects', async () => {
    const source = pushStream();
    const iterator = start(subscribe(source, (n) => (n % 2 === 0 ? null : event(n))));
    [1, 2, 3].forEach((n) => source.write(n));
    expect(await pull(iterator, 2)).toEqual(['e1', 'e3']);
  });

  it('ends with the decoding error and unsubscribes', async () => {
    const source = pushStream();
    const undecodable = new TaskledgerError('UndecodableEvent', 'cannot read event 2');
    const iterator = start(
      subscribe(source, (n) => {
        if (n === 2) throw undecodable;
        return event(n);
      }),
    );
    [1, 2, 3].forEach((n) => source.write(n));
    expect(await pull(iterator, 1)).toEqual(['e1']);
    await expect(iterator.next()).rejects.toBe(undecodable);
    expect(source.unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('ends the iteration cleanly when stopped while waiting', async () => {
    const source = pushStream();
    const subscription = subscribe(source);
    const iterator = start(subscription);
    const waiting = iterator.next();
    await subscription.stop();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(source.unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('pauses the client stream when its buffer is full and resumes once drained', async () => {
    const source = pushStream();
    const iterator = start(subscribe(source, (n) => event(n), 8));
    const first = iterator.next();
    for (let n = 1; n <= 12; n += 1) source.write(n);
    await first;
    expect(source.isPaused()).toBe(true);
    await pull(iterator, 9);
    expect(source.isPaused()).toBe(false);
  });

  it('fails with StoreUnavailable when the server ends the subscription', async () => {
    const source = pushStream();
    const iterator = start(subscribe(source));
    const waiting = iterator.next();
    source.end();
    const error = await waiting.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(isTaskledgerError(error, 'StoreUnavailable')).toBe(true);
  });

  it('passes a stream error on to the reader', async () => {
    const source = pushStream();
    const iterator = start(subscribe(source));
    const waiting = iterator.next();
    source.destroy(new Error('stream broke'));
    await expect(waiting).rejects.toThrow('stream broke');
  });
});
