import { Api } from './api';
import { parseSse } from './sse';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

export interface LiveDeps {
  api: Api;
  fetch: typeof fetch;
  onPosition: (position: string) => void;
  onState: (state: LiveState) => void;
  /** Wait before reconnecting unless the server said otherwise (`retry:`). Default 1000 ms. */
  retryMs?: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows GET /events/stream with fetch (EventSource cannot send the bearer token). On a dropped
 * connection it reconnects with Last-Event-ID, the last position seen, so nothing in between is missed.
 */
export const followPositions = (deps: LiveDeps): { stop(): void } => {
  let stopped = false;
  let last: string | null = null;
  let retryMs = deps.retryMs ?? 1000;
  const controller = new AbortController();
  const once = async () => {
    deps.onState(last === null ? 'connecting' : 'reconnecting');
    const headers = { ...deps.api.headers(), ...(last === null ? {} : { 'last-event-id': last }) };
    const response = await deps.fetch(deps.api.url('/events/stream'), { headers, signal: controller.signal });
    if (response.status === 401) return deps.api.needToken();
    if (!response.ok || response.body === null) return undefined;
    deps.onState('live');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return undefined;
      const parsed = parseSse(buffer + decoder.decode(value, { stream: true }));
      buffer = parsed.rest;
      for (const event of parsed.events) {
        if (event.retry !== undefined) retryMs = event.retry;
        if (event.event === 'position' && event.id !== undefined) {
          last = event.id;
          deps.onPosition(event.id);
        }
      }
    }
  };
  void (async () => {
    while (!stopped) {
      await once().catch(() => undefined);
      if (!stopped) {
        deps.onState('reconnecting');
        await pause(retryMs);
      }
    }
  })();
  return {
    stop: () => {
      stopped = true;
      controller.abort();
    },
  };
};
