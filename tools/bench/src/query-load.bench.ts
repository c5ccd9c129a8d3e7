import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Benchmark, round } from './bench-result';
import { buildLedgerFixture } from './ledger-fixture';
import { FIXTURE_FORMAT, FIXTURES_DIR } from './scratch';

const TASKS = 10_000;
const EVENTS = 1_000_000;
const RATE = 2_000;
/**
 * 20 connections at 100 req/s each (one request every 10 ms per connection; autocannon fires
 * them in bursts of up to 20). autocannon 8's coordinated-omission correction is off: it takes
 * the expected interval as ceil(1 / rate) = 1 ms instead of 1000 / rate = 10 ms, which adds
 * synthetic samples for every response over 1 ms. `maxMs` shows any stall the p99 might hide.
 */
const CONNECTIONS = 20;
const DURATION_SECONDS = 30;
const WARMUP_SECONDS = 3;
const SERVER_MAIN = join(__dirname, '../../../apps/query-api/dist/main.js');

/** The slice of autocannon's API used here (the package ships no types). */
interface AutocannonRequest {
  method?: string;
  path?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonResult {
  latency: { p50: number; p99: number; max: number };
  requests: { total: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

/** Starts the compiled query API over the ledger on an ephemeral port; resolves once it listens. */
const startServer = (ledger: string): Promise<{ child: ChildProcess; url: string }> => {
  if (!existsSync(SERVER_MAIN))
    throw new Error(`${SERVER_MAIN} is missing: build first (npm run bench builds everything)`);
  const env = {
    ...process.env,
    TASKLEDGER_EVENT_STORE: `sqlite:${ledger}`,
    TASKLEDGER_READ_STORE: `sqlite:${ledger}`,
    TASKLEDGER_API_HOST: '127.0.0.1',
    TASKLEDGER_API_PORT: '0',
    TASKLEDGER_API_TOKEN: '',
  };
  const child = spawn(process.execPath, [SERVER_MAIN], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`query-api exited with code ${code} before listening`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
      if (url !== undefined) resolve({ child, url });
    });
  });
};

const stopServer = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Half the requests read a random task, half the status (each connection alternates). */
const mixedRequests = (): AutocannonRequest[] => [
  {
    method: 'GET',
    setupRequest: (request) => ({ ...request, path: `/tasks/B-${1 + Math.floor(Math.random() * TASKS)}` }),
  },
  { method: 'GET', path: '/status' },
];

const load = (url: string, durationSeconds: number) =>
  autocannon({
    url,
    connections: CONNECTIONS,
    duration: durationSeconds,
    overallRate: RATE,
    ignoreCoordinatedOmission: true,
    requests: mixedRequests(),
  });

export const queryLoad: Benchmark = {
  name: 'query-load',
  description: `query API under ${RATE.toLocaleString('en-US')} req/s (/tasks/:id + /status) over ${TASKS.toLocaleString('en-US')} tasks / ${EVENTS.toLocaleString('en-US')} events (target p99 < 10 ms)`,
  async run() {
    mkdirSync(FIXTURES_DIR, { recursive: true });
    const ledger = join(FIXTURES_DIR, `ledger-v${FIXTURE_FORMAT}-${TASKS}-${EVENTS}.db`);
    await buildLedgerFixture(ledger, { tasks: TASKS, events: EVENTS });
    const { child, url } = await startServer(ledger);
    try {
      await load(url, WARMUP_SECONDS);
      const [oneMinuteLoad = 0] = loadavg();
      const loadAverage = round(oneMinuteLoad, 2);
      const result = await load(url, DURATION_SECONDS);
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${result.non2xx} non-2xx responses and ${result.errors} errors under load`);
      return {
        metric: 'p99Ms',
        value: result.latency.p99,
        baseline: null,
        ratio: null,
        params: {
          requestsPerSecond: round(result.requests.total / result.duration, 0),
          p50Ms: result.latency.p50,
          connections: CONNECTIONS,
          durationSeconds: DURATION_SECONDS,
          targetRate: RATE,
          maxMs: result.latency.max,
          timeouts: result.timeouts,
          loadAverageAtStart: loadAverage,
          cpus: cpus().length,
        },
      };
    } finally {
      await stopServer(child);
    }
  },
};
