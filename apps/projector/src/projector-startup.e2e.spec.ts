import { spawn } from 'node:child_process';
import { join } from 'node:path';

const MAIN = join(__dirname, '../dist/main.js');

/** Nothing listens on port 1: EventStoreDB there is unavailable, as while a compose stack starts. */
const UNAVAILABLE_ESDB = 'esdb://127.0.0.1:1?tls=false';

describe('the projector process started before its event store', () => {
  it('keeps retrying with growing waits instead of giving up, until stopped', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TASKLEDGER_')));
    const child = spawn(process.execPath, [MAIN, '--port', '0'], {
      env: { ...env, TASKLEDGER_EVENT_STORE: UNAVAILABLE_ESDB, TASKLEDGER_READ_STORE: 'memory:' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let exitCode: number | null | undefined;
    const exited = new Promise<void>((resolve) =>
      child.on('exit', (code) => {
        exitCode = code;
        resolve();
      }),
    );
    const waits = () => [...stderr.matchAll(/unavailable.*; retrying in (\d+) ms/g)].map((match) => Number(match[1]));
    for (let tries = 0; tries < 100 && waits().length < 2 && exitCode === undefined; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    try {
      expect({ exitCode, stderr }).toEqual({ exitCode: undefined, stderr: expect.any(String) });
      expect(waits().slice(0, 2)).toEqual([500, 1000]);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  });

  it('stops at once with exit 2 naming the setting when the MongoDB URL is malformed', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TASKLEDGER_')));
    const child = spawn(process.execPath, [MAIN, '--port', '0'], {
      env: {
        ...env,
        TASKLEDGER_EVENT_STORE: 'memory:',
        TASKLEDGER_READ_STORE: 'mongodb://app:secret@db/x?directConnection=maybe',
      },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/TASKLEDGER_READ_STORE/);
    expect(stderr).not.toMatch(/secret|retrying/);
  });
});
