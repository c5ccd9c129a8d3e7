import { ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { cli } from './execution-cli';
import { CLI, workDir } from './run-cli';

/** Debian's Chromium; the browser suite never downloads one. */
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser suite cannot run here, or null when it can. */
export const browserMissing = existsSync(CHROMIUM)
  ? null
  : `dashboard browser suite skipped: ${CHROMIUM} is missing (install it with apt-get install -y chromium)`;

/** Screenshots of each view land here (ignored by git); the README's picture is copied from it. */
export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

export const launchBrowser = (): Promise<Browser> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
};

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

/** A scratch directory whose ledger holds one run of the examples/ backlog. */
export const exampleLedger = async (label: string) => {
  const dir = workDir(label);
  cpSync(EXAMPLES, join(dir.path, 'examples'), { recursive: true });
  const result = await cli(['run', '--backlog', 'examples/backlog.md', '--config', 'examples/taskledger.config.json'], {
    cwd: dir.path,
  });
  if (result.code !== 1) throw new Error(`the example run ended with ${result.code}: ${result.stderr}`);
  return dir;
};

export interface Served {
  address: string;
  stop(): Promise<void>;
}

/** `taskledger serve --port 0` in `cwd`, as a real child process; resolves once it listens. */
export const serve = (cwd: string, env: Record<string, string> = {}): Promise<Served> => {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TASKLEDGER_')));
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
    cwd,
    env: { ...clean, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
      const match = /query API on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (match && stderr.includes('dashboard: open')) resolve({ address: match[1]!, stop });
    });
    child.on('exit', () => reject(new Error(`serve exited: ${stderr}`)));
  });
};

/** The rows of the task table, as their task ids, in order. */
export const taskRows = (page: Page): Promise<string[]> =>
  page.locator('table.tasks tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-task') ?? ''));

/** Each timeline bar as "outcome/category". */
export const attempts = (page: Page): Promise<string[]> =>
  page
    .locator('.timeline .attempt')
    .evaluateAll((items) =>
      items.map((item) => `${item.getAttribute('data-outcome')}/${item.getAttribute('data-category')}`),
    );

/** Whether the page is wider than the viewport (something would scroll sideways). */
export const overflowsSideways = (page: Page): Promise<boolean> =>
  page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth + 1');

/**
 * Reads until the value equals `expected` or `timeoutMs` passes; returns the last value read (for the
 * assertion). Compared as JSON: values from fetch and from the page come from different realms.
 */
export const readUntil = async <T>(read: () => Promise<T>, expected: T, timeoutMs = 5000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  const wanted = JSON.stringify(expected);
  let value = await read();
  while (JSON.stringify(value) !== wanted && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
};
