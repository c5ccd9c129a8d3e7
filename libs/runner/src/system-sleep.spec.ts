import { systemSleep } from './system-sleep';

const TWENTY_FIVE_DAYS_MS = 25 * 24 * 3_600_000;

describe('the system sleep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const watch = (sleeping: Promise<void>) => {
    const state = { done: false };
    void sleeping.then(() => (state.done = true));
    return state;
  };

  it('waits the whole of a delay longer than a timer can hold (about 24.8 days)', async () => {
    const sleep = watch(systemSleep(TWENTY_FIVE_DAYS_MS));
    await jest.advanceTimersByTimeAsync(60_000);
    expect(sleep.done).toBe(false);
    await jest.advanceTimersByTimeAsync(TWENTY_FIVE_DAYS_MS - 60_001);
    expect(sleep.done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(sleep.done).toBe(true);
  });

  it('ends a long sleep at once when its signal aborts', async () => {
    const stop = new AbortController();
    const sleep = watch(systemSleep(3 * TWENTY_FIVE_DAYS_MS, stop.signal));
    await jest.advanceTimersByTimeAsync(TWENTY_FIVE_DAYS_MS);
    expect(sleep.done).toBe(false);
    stop.abort();
    await jest.advanceTimersByTimeAsync(0);
    expect(sleep.done).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });
});
