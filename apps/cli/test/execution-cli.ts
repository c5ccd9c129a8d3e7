import { ChildProcess, spawn } from 'node:child_process';
import { SqliteEventStore } from '@taskledger/event-store';
import { taskStream } from '@taskledger/events';
import { CLI, CliResult } from './run-cli';

export interface RunningCli {
  child: ChildProcess;
  /** Output so far. */
  stdout(): string;
  result: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

/**
 * Starts the built CLI as a real child process in `cwd`, with a
 * clean TASKLEDGER_* environment plus `env`; the caller may signal it while it runs.
 */
export const startCli = (args: string[], options: { cwd: string; env?: Record<string, string> }): RunningCli => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TASKLEDGER_')));
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: { ...env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const result = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, stdout: () => stdout, result };
};

export const cli = (args: string[], options: { cwd: string; env?: Record<string, string> }) =>
  startCli(args, options).result;

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export const eventually = async <T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 20_000,
): Promise<Exclude<T, undefined | false>> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Reads task streams from the ledger file the CLI wrote. */
export const ledger = (path: string) => {
  const store = new SqliteEventStore(path);
  return {
    events: (taskId: string) => store.readStream(taskStream(taskId)),
    types: async (taskId: string, options: { withRenewals?: boolean } = {}) =>
      (await store.readStream(taskStream(taskId)))
        .map((event) => event.type)
        .filter((type) => options.withRenewals || type !== 'TaskLeaseRenewed'),
    close: () => store.close(),
  };
};
