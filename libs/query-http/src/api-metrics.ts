import { parsePosition } from '@taskledger/event-store';
import { ledgerPosition as readLedgerPosition } from '@taskledger/queries';
import { ReadStore } from '@taskledger/read-store';
import Fastify, { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const labelNames = ['method', 'route', 'status'] as const;

export interface ApiMetrics {
  registry: Registry;
  /** Counts one answered request; `route` is the route pattern (e.g. `/tasks/:id`), never the raw URL. */
  answered(method: string, route: string, status: number, seconds: number): void;
  /** The Prometheus text exposition, with the ledger position read now. */
  text(): Promise<string>;
}

/** The query API's Prometheus metrics (`taskledger_http_*`, ledger position) and the default process metrics. */
export const apiMetrics = (
  readStore: ReadStore,
  options: {
    /** More of the exposition, appended (e.g. an embedded projector's, without process metrics). */
    more?: () => Promise<string>;
  } = {},
): ApiMetrics => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'taskledger_http_requests_total',
    help: 'Requests answered, by method, route pattern and status code.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'taskledger_http_request_duration_seconds',
    help: 'Time to answer a request, by method, route pattern and status code.',
    labelNames,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const ledgerPosition = new Gauge({
    name: 'taskledger_api_ledger_position',
    help: 'Commit position of the read models the API serves (0: none yet).',
    registers: [registry],
  });
  return {
    registry,
    answered: (method, route, status, seconds) => {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
    text: async () => {
      const served = await readLedgerPosition(readStore);
      ledgerPosition.set(served === null ? 0 : Number(parsePosition(served).commit));
      const more = options.more ? await options.more() : '';
      return `${await registry.metrics()}${more}`;
    },
  };
};

/** A second app that serves only GET /metrics, with no token: listen on a port scrapers reach and clients do not. */
export const buildMetricsApp = (metrics: ApiMetrics): FastifyInstance => {
  const app = Fastify({ logger: false });
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.text()));
  return app;
};
