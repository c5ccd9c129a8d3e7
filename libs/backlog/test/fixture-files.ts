import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseBacklog, type ParseResult } from '../src/index';

/** Real backlogs written outside this project; never copied into the repo. */
export const FIXTURES_DIR =
  process.env['TASKLEDGER_FIXTURES_DIR'] ?? path.resolve(__dirname, '../../../../shared/fixtures/backlogs');

export interface Fixture {
  path: string;
  text: string;
  result: ParseResult;
}

const cache = new Map<string, Fixture>();

/** Reads and parses a fixture once per test file. */
export const loadFixture = (name: string): Fixture => {
  const cached = cache.get(name);
  if (cached) return cached;
  const file = path.join(FIXTURES_DIR, name);
  const bytes = readFileSync(file);
  const fixture = { path: file, text: bytes.toString('utf8'), result: parseBacklog(bytes, file) };
  cache.set(name, fixture);
  return fixture;
};

/** `describe`, or a printed reason and `describe.skip` when the fixture file is absent. */
export const describeFixture = (name: string, title: string, body: () => void): void => {
  if (existsSync(path.join(FIXTURES_DIR, name))) {
    describe(title, body);
    return;
  }
  console.warn(`skipping "${title}": fixture ${name} not found in ${FIXTURES_DIR} (set TASKLEDGER_FIXTURES_DIR)`);
  describe.skip(title, body);
};
