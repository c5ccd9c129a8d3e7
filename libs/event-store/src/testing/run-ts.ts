import { spawn } from 'node:child_process';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '../../../..');

/**
 * Runs a TypeScript file in a real child Node process (ts-node, workspace sources).
 * `onStderr` sees each stderr chunk as it arrives (children use it to signal readiness).
 */
export const runTs = (
  file: string,
  args: string[],
  onStderr: (chunk: string) => void = () => undefined,
): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@taskledger/source', '-r', 'ts-node/register/transpile-only', file, ...args],
      { cwd: workspaceRoot, env: { ...process.env, TS_NODE_PROJECT: join(workspaceRoot, 'tsconfig.ts-node.json') } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      onStderr(String(chunk));
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
