/**
 * The longest delay setTimeout honours, 2^31-1 ms (about 24.8 days): past it Node fires after
 * 1 ms instead, so a longer wait would end at once.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LongTimer {
  cancel(): void;
}

/**
 * Calls `fire` once `ms` have passed, however long that is: it waits in steps of at most
 * MAX_TIMER_MS. `unref`: the timer does not keep the process alive.
 */
export const setLongTimeout = (fire: () => void, ms: number, options: { unref?: boolean } = {}): LongTimer => {
  let remaining = Number.isNaN(ms) ? 0 : Math.max(0, ms);
  let timer: NodeJS.Timeout;
  const step = () => {
    const wait = Math.min(remaining, MAX_TIMER_MS);
    remaining -= wait;
    timer = setTimeout(remaining > 0 ? step : fire, wait);
    if (options.unref) timer.unref();
  };
  step();
  return { cancel: () => clearTimeout(timer) };
};
