import { randomFillSync } from 'node:crypto';

const MAX_COUNTER = 0xfff;
const POOL_BYTES = 8 * 512;

/**
 * Makes UUIDs of version 7 (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter, then 62
 * random bits, so an id made later sorts later, as text too. Event ids are indexed by every
 * store, and read models keyed by them (execution_history) too: ids that arrive in order are
 * appended at the end of those indexes, where random (v4) ids land on a different page each
 * once an index outgrows the cache. The counter starts at a random value below half its range
 * each millisecond and counts up within it; a clock that goes back, or a counter that runs out,
 * borrows the next millisecond, so one generator never repeats or goes backwards.
 */
export const eventIdGenerator = (now: () => number = Date.now): (() => string) => {
  let lastMs = -1;
  let counter = 0;
  const pool = Buffer.alloc(POOL_BYTES);
  let used = POOL_BYTES;
  const id = Buffer.alloc(16);
  return () => {
    if (used === POOL_BYTES) {
      randomFillSync(pool);
      used = 0;
    }
    const ms = now();
    if (ms > lastMs) {
      lastMs = ms;
      counter = pool.readUInt16BE(used) & 0x7ff;
    } else if (counter < MAX_COUNTER) counter += 1;
    else {
      lastMs += 1;
      counter = 0;
    }
    id.writeUIntBE(lastMs, 0, 6);
    id[6] = 0x70 | (counter >> 8);
    id[7] = counter & 0xff;
    pool.copy(id, 8, used, used + 8);
    id[8] = 0x80 | (id.readUInt8(8) & 0x3f);
    used += 8;
    const hex = id.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
};

/** A new time-ordered event id (UUID v7); see `eventIdGenerator`. */
export const newEventId: () => string = eventIdGenerator();
