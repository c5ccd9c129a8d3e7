import pino from 'pino';

type Stream = { write(text: string): unknown; isTTY?: boolean };

/** Lines that report a failure (see exit-codes.ts) are logged at error level, the rest at info. */
const FAILURE = /^(unexpected )?error: /;

/**
 * Standard error as `--log-format json` wants it: each line the CLI writes there becomes one
 * pino JSON line (the projector's and the query API's format), the human output on stdout
 * unchanged. A progress redraw (`\r`) ends a line too, and the stream no longer claims to be a
 * TTY, so progress comes as whole lines.
 */
export const jsonLines = (stderr: Stream): Stream => {
  const logger = pino({ base: { service: 'cli' } }, { write: (line: string) => stderr.write(line) });
  let pending = '';
  return {
    isTTY: false,
    write(text: string) {
      const parts = (pending + text).split(/\r|\n/);
      pending = parts.pop() ?? '';
      for (const line of parts) {
        if (line.trim() === '') continue;
        if (FAILURE.test(line)) logger.error(line);
        else logger.info(line);
      }
      return true;
    },
  };
};
