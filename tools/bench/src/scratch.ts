import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Generated data sets benchmarks reuse between runs (bench-results/ is not committed). */
export const FIXTURES_DIR = join(__dirname, '../../../bench-results/fixtures');

/**
 * Part of every generated fixture's file name: bump it when the generator changes what it
 * writes, so older cached fixtures are not reused (2: time-ordered event ids, UUID v7; 3: hash-chained
 * events and a ledger checkpoint every 10,000 events).
 */
export const FIXTURE_FORMAT = 3;

export const scratchDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-bench-'));
  return {
    path: dir,
    file: (name: string) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
};
