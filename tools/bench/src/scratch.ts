import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Generated data sets benchmarks reuse between runs (bench-results/ is not committed). */
export const FIXTURES_DIR = join(__dirname, '../../../bench-results/fixtures');

export const scratchDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-bench-'));
  return { path: dir, file: (name: string) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
};
