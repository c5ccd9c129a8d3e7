import type { LogLevel } from '@taskledger/config';
import type { RuntimeObserver, RuntimeProgress } from '@taskledger/projection-runtime';
import pino, { Logger } from 'pino';

/** Catch-up progress is logged at most this often. */
export const PROGRESS_EVERY_MS = 10_000;

/** JSON lines on stderr (written synchronously, so nothing is lost when the process exits). */
export const projectorLogger = (level: LogLevel): Logger =>
  pino({ level, base: { service: 'projector' } }, pino.destination({ fd: 2, sync: true }));

/** Logs each dead letter (warn) and each rebuild started and finished (info). */
export const loggingObserver = (log: Logger): RuntimeObserver => ({
  deadLettered: (projection, eventId, reason) => log.warn({ projection, eventId, reason }, 'dead letter'),
  rebuildStarted: (projection) => log.info({ projection }, 'rebuild started'),
  rebuildFinished: (projection) => log.info({ projection }, 'rebuild finished, swapped in'),
});

/** Logs catch-up progress (events read, events behind at start, throughput) every `everyMs`. */
export const progressLogger = (log: Logger, everyMs = PROGRESS_EVERY_MS, now: () => number = Date.now) => {
  let last = now();
  return (progress: RuntimeProgress): void => {
    if (now() - last < everyMs) return;
    last = now();
    log.info({ ...progress }, 'progress');
  };
};
