import { TaskledgerError } from '@taskledger/errors';
import { retryWhileUnavailable } from './connect-retry';

/** A clock that sleeping advances, so back-off runs instantly and is measured exactly. */
const fakeTime = () => {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
  };
};

const failing = (failures: unknown[], result = 'connected') => {
  let calls = 0;
  return {
    calls: () => calls,
    operation: async () => {
      const failure = failures[calls];
      calls += 1;
      if (failure !== undefined) throw failure;
      return result;
    },
  };
};

const unavailable = () => new TaskledgerError('StoreUnavailable', 'EventStoreDB is unavailable (not-leader)');

describe('retrying a connection while the store is unavailable', () => {
  it('retries with doubling delays, capped, until the store answers', async () => {
    const time = fakeTime();
    const retried: string[] = [];
    const target = failing([
      unavailable(),
      unavailable(),
      new TaskledgerError('StoreUnavailable', 'no primary'),
      unavailable(),
      unavailable(),
      unavailable(),
    ]);
    const result = await retryWhileUnavailable(target.operation, {
      ...time,
      firstDelayMs: 500,
      maxDelayMs: 4000,
      giveUpAfterMs: 60_000,
      onRetry: (error, delayMs) => retried.push(`${delayMs}: ${(error as Error).message}`),
    });
    expect(result).toBe('connected');
    expect(time.slept).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect(retried[2]).toBe('2000: no primary');
  });

  it('gives up with the last error once the next wait would pass the deadline', async () => {
    const time = fakeTime();
    const last = unavailable();
    const target = failing([unavailable(), unavailable(), unavailable(), last, unavailable()]);
    const error = await retryWhileUnavailable(target.operation, {
      ...time,
      firstDelayMs: 1000,
      maxDelayMs: 8000,
      giveUpAfterMs: 10_000,
    }).catch((caught: unknown) => caught);
    expect(error).toBe(last);
    expect(time.slept).toEqual([1000, 2000, 4000]);
    expect(target.calls()).toBe(4);
  });

  it('does not retry errors that waiting cannot fix', async () => {
    const time = fakeTime();
    const bad = new TaskledgerError('InvalidConfig', 'the EventStoreDB connection string is not valid');
    const target = failing([bad]);
    await expect(retryWhileUnavailable(target.operation, time)).rejects.toBe(bad);
    expect(target.calls()).toBe(1);
    expect(time.slept).toEqual([]);
  });
});
