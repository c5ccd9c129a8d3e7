import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { EventStore } from '@taskledger/event-store';
import { AnyProjection } from '@taskledger/projections';
import { ReadStore } from '@taskledger/read-store';
import { ProjectionRuntime, ProjectionRuntimeOptions, RuntimeProgress } from './projection-runtime';
import { projectionStatus } from './projection-status';
import { projectorMetrics } from './projector-metrics';
import { RuntimeObserver } from './runtime-observer';
import { SnapshotOptions, writeDueSnapshots } from './as-of/snapshot-writer';

export interface ProjectorOptions extends Omit<ProjectionRuntimeOptions, 'eventStore' | 'readStore' | 'projections'> {
  eventStore: EventStore;
  readStore: ReadStore;
  projections: readonly AnyProjection[];
  /** Where health and lag are served. Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port); null serves nothing. */
  port?: number | null;
  /** Include the default process metrics in /metrics. Default true; false when another registry has them. */
  processMetrics?: boolean;
  /** How often to write the as-of snapshots the log has reached (see writeDueSnapshots). Default every 10 s; false: never. */
  snapshots?: (SnapshotOptions & { intervalMs?: number }) | false;
}

export interface RunningProjector {
  /** The health/lag port, once listening (null when not serving). */
  port: number | null;
  /** Resolves when the projector has stopped (after `stop()` or a failure). */
  done: Promise<RuntimeProgress>;
  /** Finishes the batch in hand, writes its checkpoint, stops serving. */
  stop(): Promise<RuntimeProgress>;
  /** What GET /metrics serves (Prometheus text format), for a server that embeds the projector. */
  metricsText(): Promise<string>;
}

/**
 * The long-running projector: catches every projection up, follows new events, and serves
 * `GET /health` and `GET /lag` (status per projection, live throughput) as JSON, and
 * `GET /metrics` in the Prometheus text format.
 */
export const startProjector = async (options: ProjectorOptions): Promise<RunningProjector> => {
  const {
    eventStore,
    readStore,
    projections,
    host = '127.0.0.1',
    port = 0,
    processMetrics,
    snapshots,
    ...settings
  } = options;
  let live: RuntimeProgress = { processed: 0, total: 0, eventsPerSecond: 0 };
  let failure: string | null = null;
  const metrics = projectorMetrics({ processMetrics });
  const metricsText = () => metrics.text(() => projectionStatus(eventStore, readStore, projections));
  const runtime = new ProjectionRuntime({
    ...settings,
    eventStore,
    readStore,
    projections,
    onProgress: (progress) => {
      live = progress;
      settings.onProgress?.(progress);
    },
    observer: both(metrics.observer, settings.observer),
  });
  const stopper = new AbortController();
  const server =
    port === null
      ? null
      : await listen(host, port, async (path) => {
          if (path === '/health')
            return {
              status: failure ? 'failing' : 'ok',
              failure,
              processed: live.processed,
              eventsPerSecond: live.eventsPerSecond,
            };
          if (path === '/metrics') return new MetricsText(await metricsText(), metrics.registry.contentType);
          if (path === '/lag')
            return {
              projections: await projectionStatus(eventStore, readStore, projections),
              eventsPerSecond: live.eventsPerSecond,
            };
          return null;
        });
  const done = runtime.runLive(stopper.signal).catch((error: unknown) => {
    failure = (error as Error).message;
    throw error;
  });
  const snapshotting =
    snapshots === false
      ? null
      : snapshotLoop(
          () => writeDueSnapshots(eventStore, readStore, projections, snapshots),
          snapshots?.intervalMs ?? 10_000,
        );
  const stop = async () => {
    stopper.abort();
    try {
      return await done;
    } finally {
      await snapshotting?.stop();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    }
  };
  return { port: server ? (server.address() as AddressInfo).port : null, done, stop, metricsText };
};

/** Runs `write` every `intervalMs`, one run at a time; a failed run is tried again next time. */
const snapshotLoop = (write: () => Promise<unknown>, intervalMs: number) => {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(write).catch(() => undefined);
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};

const listen = (host: string, port: number, route: (path: string) => Promise<unknown>): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://projector').pathname;
      route(path).then(
        (body) => {
          if (body instanceof MetricsText) {
            response.writeHead(200, { 'content-type': body.contentType });
            return void response.end(body.text);
          }
          response.writeHead(body === null ? 404 : 200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(body ?? { error: 'NotFound', path }));
        },
        (error: unknown) => {
          response.writeHead(503, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: 'Unavailable', reason: (error as Error).message }));
        },
      );
    });
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });

class MetricsText {
  constructor(
    readonly text: string,
    readonly contentType: string,
  ) {}
}

/** Tells both observers (the metrics', and the caller's when given). */
const both = (first: Required<RuntimeObserver>, second?: RuntimeObserver): RuntimeObserver =>
  second
    ? {
        applied: (...args) => (first.applied(...args), second.applied?.(...args)),
        committed: (...args) => (first.committed(...args), second.committed?.(...args)),
        deadLettered: (...args) => (first.deadLettered(...args), second.deadLettered?.(...args)),
        rebuildStarted: (...args) => (first.rebuildStarted(...args), second.rebuildStarted?.(...args)),
        rebuildFinished: (...args) => (first.rebuildFinished(...args), second.rebuildFinished?.(...args)),
      }
    : first;
