import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendMemory, appendSqlite } from './append.bench';
import { asOfBench } from './as-of.bench';
import { historyWrites, historyWritesCompact, historyWritesCompactIdAfter } from './history-writes.bench';
import { Benchmark, BenchResult, peakRssMb } from './bench-result';
import { parse10k, parseFixture } from './parse.bench';
import { makeEventsFixture } from './ledger-fixture';
import { rebuildSqlite, rebuildSqliteAggregates, rebuildSqliteEach, rebuildSqliteParallel } from './rebuild.bench';
import { queryLoad } from './query-load.bench';
import { verifySqlite } from './verify.bench';

/** Every benchmark `npm run bench` knows; later issues add theirs here. */
const benchmarks: Benchmark[] = [
  appendSqlite,
  appendMemory,
  parseFixture,
  parse10k,
  rebuildSqlite,
  rebuildSqliteAggregates,
  ...rebuildSqliteEach,
  ...rebuildSqliteParallel,
  historyWrites,
  historyWritesCompact,
  historyWritesCompactIdAfter,
  queryLoad,
  verifySqlite,
  asOfBench,
];

const RESULTS_DIR = join(__dirname, '../../../bench-results');

/** In a child process (so peak RSS is the benchmark's own): run one benchmark, print its line. */
const runChild = async (name: string): Promise<void> => {
  const benchmark = benchmarks.find((candidate) => candidate.name === name);
  if (benchmark === undefined) throw new Error(`no benchmark named "${name}"`);
  const outcome = await benchmark.run();
  const result: BenchResult = { benchmark: name, ...outcome, peakRssMb: peakRssMb() };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
};

const usage = () =>
  `usage: npm run bench [-- <name> ...]\n\nbenchmarks:\n${benchmarks.map((b) => `  ${b.name.padEnd(36)} ${b.description}`).join('\n')}\n`;

const main = async (args: string[]): Promise<number> => {
  if (args[0] === '--child') return runChild(args[1] ?? '').then(() => 0);
  if (args[0] === '--make-fixture') return makeEventsFixture().then(() => 0);
  if (args.includes('--help') || args.includes('-h')) return (process.stdout.write(usage()), 0);
  const unknown = args.filter((name) => !benchmarks.some((b) => b.name === name));
  if (unknown.length > 0) return (process.stderr.write(`unknown benchmark: ${unknown.join(', ')}\n\n${usage()}`), 2);
  const selected = args.length > 0 ? args : benchmarks.map((b) => b.name);
  let failures = 0;
  for (const name of selected) {
    process.stderr.write(`running ${name} ...\n`);
    const child = spawnSync(process.execPath, ['--max-old-space-size=8192', __filename, '--child', name], {
      stdio: 'inherit',
    });
    if (child.status !== 0) failures += 1;
  }
  return failures === 0 ? 0 : 1;
};

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
