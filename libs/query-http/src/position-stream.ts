import type { FastifyReply, FastifyRequest } from 'fastify';

export interface PositionStreamOptions {
  /** How often each open stream looks at the read models' position. Default 250 ms. */
  pollMs?: number;
  /** A comment line this often keeps proxies from closing an idle stream. Default 15000 ms. */
  heartbeatMs?: number;
  /** The reconnect delay the stream asks clients for (`retry:`). Default 1000 ms. */
  retryMs?: number;
}

/** Server-sent events of the read models' position: one `position` event, id = position, each time it moves. */
export interface PositionStream {
  open(request: FastifyRequest, reply: FastifyReply): void;
  /** Ends every open stream (the app is closing). */
  closeAll(): void;
}

export const positionEvent = (position: string): string =>
  `id: ${position}\nevent: position\ndata: ${JSON.stringify({ position })}\n\n`;

/**
 * A client that sends `Last-Event-ID` (a reconnect) hears nothing until the position differs from
 * the one it saw; a new client hears the current position at once.
 */
export const positionStream = (
  position: () => Promise<string | null>,
  options: PositionStreamOptions = {},
): PositionStream => {
  const { pollMs = 250, heartbeatMs = 15_000, retryMs = 1000 } = options;
  const open = new Set<() => void>();
  return {
    open: (request, reply) => {
      const header = request.headers['last-event-id'];
      let last: string | null = typeof header === 'string' && header !== '' ? header : null;
      reply.hijack();
      const raw = reply.raw;
      // Headers the hooks set (X-Ledger-Position) go out too: the reply is written by hand from here.
      const hooked = Object.entries(reply.getHeaders()).filter(
        (entry): entry is [string, string | number | string[]] => entry[1] !== undefined,
      );
      raw.writeHead(200, {
        ...Object.fromEntries(hooked),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write(`retry: ${retryMs}\n\n`);
      let busy = false;
      const poll = async () => {
        if (busy) return;
        busy = true;
        try {
          const current = await position();
          if (current !== null && current !== last) {
            last = current;
            raw.write(positionEvent(current));
          }
        } catch (error) {
          request.log.warn({ err: error }, 'position stream could not read the position');
        } finally {
          busy = false;
        }
      };
      const timer = setInterval(() => void poll(), pollMs);
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), heartbeatMs);
      const close = () => {
        clearInterval(timer);
        clearInterval(heartbeat);
        open.delete(close);
        raw.end();
      };
      open.add(close);
      request.raw.on('close', close);
      void poll();
    },
    closeAll: () => {
      for (const close of [...open]) close();
    },
  };
};
