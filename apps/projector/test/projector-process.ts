import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const MAIN = join(__dirname, '../dist/main.js');

/** Starts the built projector as a real child process over `ledger` (events and read models in one SQLite file). */
export const startProjectorProcess = (ledger: string, args: string[] = []) => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TASKLEDGER_')));
  const child = spawn(process.execPath, [MAIN, '--port', '0', ...args], {
    env: { ...env, TASKLEDGER_EVENT_STORE: `sqlite:${ledger}` },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = new Promise<number>((resolve, reject) => {
    const check = () => {
      const match = /health on http:\/\/[^:]+:(\d+)\/health/.exec(stderr);
      if (match) resolve(Number(match[1]));
    };
    child.stderr!.on('data', check);
    void exited.then(() => reject(new Error(`projector exited before listening:\n${stderr}`)));
  });
  return { child: child as ChildProcess, exited, port, stderr: () => stderr };
};
