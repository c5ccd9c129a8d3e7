import { spawn } from 'node:child_process';
import { join } from 'node:path';

const MAIN = join(__dirname, '../dist/main.js');

/** Starts the built query-api as a real process with a clean TASKLEDGER_* environment plus `env`. */
export const startQueryApi = (env: Record<string, string>) => {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TASKLEDGER_')));
  const child = spawn(process.execPath, [MAIN], { env: { ...clean, ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, output: () => output };
};
