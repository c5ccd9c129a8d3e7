import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseBacklog } from '@taskledger/backlog';
import { generateBacklog } from '@taskledger/backlog/generators';
import { Benchmark, round } from './bench-result';

const FIXTURE = join(
  process.env['TASKLEDGER_FIXTURES_DIR'] ?? resolve(__dirname, '../../../../shared/fixtures/backlogs'),
  'ai-dev-tasks-2025-09-15.md',
);

/** Parses `bytes` repeatedly for at least `seconds` (after a warm-up) and returns MB/s and the median of runs. */
const throughput = (bytes: Uint8Array, seconds: number) => {
  for (let i = 0; i < 3; i += 1) parseBacklog(bytes, 'bench.md');
  const runs: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline || runs.length < 5) {
    const started = performance.now();
    parseBacklog(bytes, 'bench.md');
    runs.push(performance.now() - started);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)];
  if (medianMs === undefined) throw new Error('parse benchmark made no runs');
  return {
    mbPerSecond: round(bytes.length / 1e6 / (medianMs / 1000), 1),
    runs: runs.length,
    medianMs: round(medianMs, 2),
  };
};

export const parseFixture: Benchmark = {
  name: 'parse-fixture',
  description: 'backlog parse throughput on the 277 KB real fixture (target >= 20 MB/s)',
  async run() {
    if (!existsSync(FIXTURE)) throw new Error(`fixture ${FIXTURE} not found (set TASKLEDGER_FIXTURES_DIR)`);
    const bytes = readFileSync(FIXTURE);
    const result = throughput(bytes, 3);
    return {
      metric: 'mbPerSecond',
      value: result.mbPerSecond,
      baseline: null,
      ratio: null,
      params: { file: FIXTURE, bytes: bytes.length, runs: result.runs, medianMs: result.medianMs },
    };
  },
};

export const parse10k: Benchmark = {
  name: 'parse-10k',
  description: 'backlog parse throughput on a generated 10,000-task backlog (target >= 20 MB/s)',
  async run() {
    const bytes = new TextEncoder().encode(generateBacklog(10_000, 42));
    const result = throughput(bytes, 5);
    return {
      metric: 'mbPerSecond',
      value: result.mbPerSecond,
      baseline: null,
      ratio: null,
      params: { tasks: 10_000, bytes: bytes.length, runs: result.runs, medianMs: result.medianMs },
    };
  },
};
