import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { TaskledgerError } from '@taskledger/errors';
import type { RunObserver, TaskEnvelope } from '@taskledger/runner';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface RunMetrics {
  observer: Required<Pick<RunObserver, 'appended'>>;
  registry: Registry;
}

/** `run --metrics-port`: executions and attempts of this run, from the events it appends. */
export const runMetrics = (): RunMetrics => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const started = new Counter({
    name: 'taskledger_run_executions_started_total',
    help: 'Attempts started.',
    registers,
  });
  const completed = new Counter({
    name: 'taskledger_run_executions_completed_total',
    help: 'Executions completed.',
    registers,
  });
  const failed = new Counter({
    name: 'taskledger_run_executions_failed_total',
    help: 'Executions failed for good, by error category.',
    labelNames: ['category'],
    registers,
  });
  const retried = new Counter({
    name: 'taskledger_run_retries_total',
    help: 'Retries scheduled, by error category.',
    labelNames: ['category'],
    registers,
  });
  const attempts = new Histogram({
    name: 'taskledger_run_attempt_duration_seconds',
    help: 'Attempt durations, by outcome (completed, failed).',
    labelNames: ['outcome'],
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
    registers,
  });
  const leases = new Gauge({ name: 'taskledger_run_open_leases', help: 'Attempts running now.', registers });
  const running = new Set<string>();
  const ended = (taskId: string) => (running.delete(taskId), leases.set(running.size));
  const record = (taskId: string, event: TaskEnvelope): void => {
    switch (event.type) {
      case 'TaskExecutionStarted':
        started.inc();
        running.add(taskId);
        leases.set(running.size);
        return;
      case 'TaskExecutionCompleted':
        completed.inc();
        attempts.observe({ outcome: 'completed' }, event.data.durationMs / 1000);
        return void ended(taskId);
      case 'TaskAttemptFailed':
        attempts.observe({ outcome: 'failed' }, event.data.durationMs / 1000);
        return void ended(taskId);
      case 'TaskRetryScheduled':
        return void retried.inc({ category: event.data.policy.category });
      case 'TaskExecutionFailed':
        failed.inc({ category: event.data.category });
        return void ended(taskId);
      default:
        return;
    }
  };
  return {
    registry,
    observer: { appended: (taskId, events) => events.forEach((event) => record(taskId, event)) },
  };
};

/** Serves GET /metrics on host:port while the run lasts; resolves once listening. */
export const serveRunMetrics = (metrics: RunMetrics, host: string, port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      if (new URL(request.url ?? '/', 'http://run').pathname !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' });
        return void response.end('GET /metrics\n');
      }
      void metrics.registry.metrics().then((text) => {
        response.writeHead(200, { 'content-type': metrics.registry.contentType });
        response.end(text);
      });
    });
    server.once('error', (error) =>
      reject(
        new TaskledgerError('InvalidArgument', `--metrics-port ${port}: cannot listen on ${host}: ${error.message}`),
      ),
    );
    server.listen(port, host, () => resolve(server));
  });

export const metricsAddress = (server: Server): string => {
  const { address, port } = server.address() as AddressInfo;
  return `http://${address}:${port}/metrics`;
};

/** The display's observer, telling the metrics of every append too. */
export const alsoTo = (display: RunObserver, metrics: RunMetrics): RunObserver => ({
  appended: (taskId, events) => {
    display.appended?.(taskId, events);
    metrics.observer.appended(taskId, events);
  },
  warning: (message) => display.warning?.(message),
});
