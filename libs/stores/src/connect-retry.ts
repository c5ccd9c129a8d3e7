export interface RetryOptions {
  /** Stop retrying once the next wait would end after this long since the first try. Default 60 s. */
  giveUpAfterMs?: number;
  /** The first wait; each next one doubles. Default 500 ms. */
  firstDelayMs?: number;
  /** The longest wait between tries. Default 8 s. */
  maxDelayMs?: number;
  /** Told before each wait, e.g. to log it. */
  onRetry?: (error: unknown, delayMs: number, attempt: number) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** TaskledgerError and TaskledgerError alike: a server not reachable, or not ready (no primary / leader yet). */
const isUnavailable = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'StoreUnavailable';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation` until it succeeds, waiting with exponential back-off while it fails with
 * StoreUnavailable (a server still starting, electing a leader or a primary); any other error,
 * or StoreUnavailable past the deadline, is thrown at once.
 */
export const retryWhileUnavailable = async <T>(operation: () => Promise<T>, options: RetryOptions = {}): Promise<T> => {
  const { giveUpAfterMs = 60_000, firstDelayMs = 500, maxDelayMs = 8_000 } = options;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const started = now();
  let delay = firstDelayMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!isUnavailable(error) || now() + delay - started > giveUpAfterMs) throw error;
      options.onRetry?.(error, delay, attempt);
      await sleep(delay);
      delay = Math.min(delay * 2, maxDelayMs);
    }
  }
};
