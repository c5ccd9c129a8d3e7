import { setLongTimeout } from './long-timer';
import type { Sleep } from './runner-deps';

/** The real sleep: a timer that ends early, without rejecting, when the signal aborts. Any length. */
export const systemSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      timer.cancel();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setLongTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
