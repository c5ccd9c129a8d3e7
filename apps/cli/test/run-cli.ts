import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLI = join(__dirname, '../bin/taskledger.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `taskledger` binary as a real child process in `cwd`, with a clean
 * TASKLEDGER_* environment plus `env`. With `killAfterMs`, a run still going then is killed
 * (its code is then null), so a command that never ends fails the test instead of outliving it.
 */
export const runCli = (
  args: string[],
  options: { cwd: string; env?: Record<string, string>; input?: string; killAfterMs?: number },
): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TASKLEDGER_')));
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: { ...env, ...options.env } });
    const timer =
      options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });

/** A scratch working directory for one test file. */
export const workDir = (label: string) => {
  const path = mkdtempSync(join(tmpdir(), `taskledger-cli-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
};
