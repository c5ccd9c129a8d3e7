import type { z } from 'zod';

/**
 * The longest duration a setting may name: 2^31-1 ms (about 24.8 days), the longest wait one
 * Node timer holds. Longer timeouts, leases and retry delays make no sense for a runner that
 * waits for them, and far longer ones overflow the dates recorded in events.
 */
export const MAX_DURATION_MS = 2 ** 31 - 1;

/**
 * Caps a duration setting at MAX_DURATION_MS; the message names the whole accepted range,
 * e.g. `range` = "from 0 to" gives "must be from 0 to 2147483647 ms (about 24.8 days)".
 */
export const durationUpTo = (schema: z.ZodNumber, range: string, suffix = ''): z.ZodNumber =>
  schema.refine((ms) => ms <= MAX_DURATION_MS, {
    error: `must be ${range} ${MAX_DURATION_MS} ms (about 24.8 days)${suffix}`,
  });
