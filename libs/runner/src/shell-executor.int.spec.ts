import { chmodSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttemptRequest, AttemptResult } from './executor.port';
import { OUTPUT_TAIL_BYTES } from './output-tail';
import { shellExecutor } from './shell-executor';

const dir = mkdtempSync(join(tmpdir(), 'taskledger-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const executor = shellExecutor();
const run = (line: AttemptRequest['line'], overrides: Partial<AttemptRequest> = {}): Promise<AttemptResult> =>
  executor.run({ line, cwd: dir, env: { PATH: process.env['PATH'] }, timeoutMs: null, killGraceMs: 200, ...overrides });
const sh = (script: string) => ({ shell: false as const, argv: ['sh', '-c', script] });
const exited = (result: AttemptResult) => {
  if (result.kind !== 'exited') throw new Error(`expected the process to run, got ${JSON.stringify(result)}`);
  return result;
};

describe('the shell executor (real processes)', () => {
  it('reports the exit code and both output tails', async () => {
    const result = exited(await run(sh('echo out; echo err >&2; exit 3')));
    expect(result).toMatchObject({
      exitCode: 3,
      signal: null,
      timedOut: false,
      interrupted: false,
      stdoutTail: 'out\n',
      stderrTail: 'err\n',
    });
  });

  it('reports the signal that ended the process', async () => {
    expect(exited(await run(sh('kill -KILL $$')))).toMatchObject({
      exitCode: null,
      signal: 'SIGKILL',
      timedOut: false,
    });
  });

  it('stops a process past its timeout with SIGTERM', async () => {
    expect(exited(await run({ shell: false, argv: ['sleep', '10'] }, { timeoutMs: 100 }))).toMatchObject({
      signal: 'SIGTERM',
      timedOut: true,
    });
  });

  it('follows with SIGKILL when SIGTERM is ignored, after the grace period', async () => {
    const result = exited(await run(sh(`trap '' TERM; echo ready; sleep 10`), { timeoutMs: 200, killGraceMs: 200 }));
    expect(result).toMatchObject({ signal: 'SIGKILL', timedOut: true, stdoutTail: 'ready\n' });
  });

  it('lets a process run on under a timeout longer than a timer can hold (2^31 ms and more)', async () => {
    expect(exited(await run(sh('sleep 0.3'), { timeoutMs: 2 ** 31 }))).toMatchObject({
      exitCode: 0,
      signal: null,
      timedOut: false,
    });
  });

  it('waits out a grace period longer than a timer can hold instead of sending SIGKILL at once', async () => {
    const result = exited(await run(sh(`trap '' TERM; sleep 0.5`), { timeoutMs: 100, killGraceMs: 9e9 }));
    expect(result).toMatchObject({ exitCode: 0, signal: null, timedOut: true });
  });

  it('stops the process when the run is interrupted', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort('SIGINT'), 100);
    expect(exited(await run({ shell: false, argv: ['sleep', '10'] }, { signal: stop.signal }))).toMatchObject({
      signal: 'SIGTERM',
      interrupted: true,
      timedOut: false,
    });
  });

  it('keeps only the last 8 KiB of each stream', async () => {
    const result = exited(
      await run(sh(`head -c 100000 /dev/zero | tr '\\0' x; echo END; head -c 50000 /dev/zero | tr '\\0' y >&2`)),
    );
    expect(Buffer.byteLength(result.stdoutTail)).toBe(OUTPUT_TAIL_BYTES);
    expect(result.stdoutTail.endsWith('xxxEND\n')).toBe(true);
    expect(result.stderrTail).toBe('y'.repeat(OUTPUT_TAIL_BYTES));
  });

  it('passes ::progress lines on, in order', async () => {
    const seen: [number, string | null][] = [];
    await run(sh('echo "::progress 0.25 fetching"; echo noise; printf "::progress 1"'), {
      onProgress: (value, message) => seen.push([value, message]),
    });
    expect(seen).toEqual([
      [0.25, 'fetching'],
      [1, null],
    ]);
  });

  it('runs in the given working directory with exactly the given environment', async () => {
    const result = exited(
      await run(sh('pwd; echo "$ONLY_THIS-$HOME"'), { env: { ONLY_THIS: 'yes', PATH: process.env['PATH'] } }),
    );
    expect(result.stdoutTail).toBe(`${realpathSync(dir)}\nyes-\n`);
  });

  it('passes argv words literally, and runs a shell only for shell commands', async () => {
    expect(exited(await run({ shell: false, argv: ['echo', '$HOME && echo no'] })).stdoutTail).toBe(
      '$HOME && echo no\n',
    );
    expect(exited(await run({ shell: true, script: 'echo a && echo b' })).stdoutTail).toBe('a\nb\n');
  });

  it.each([
    ['a missing executable', { shell: false as const, argv: [join(dir, 'missing')] }, dir, 'ENOENT'],
    ['a missing working directory', { shell: false as const, argv: ['true'] }, join(dir, 'nowhere'), 'ENOENT'],
  ])('reports %s as a spawn failure', async (_, line, cwd, code) => {
    expect(await run(line, { cwd })).toMatchObject({ kind: 'spawn-failed', code });
  });

  it('says which working directory is missing, or is not a directory, instead of blaming the command', async () => {
    const missing = join(dir, 'builds', 'nowhere');
    expect(await run({ shell: false, argv: ['true'] }, { cwd: missing })).toMatchObject({
      kind: 'spawn-failed',
      code: 'ENOENT',
      message: `working directory ${missing} does not exist`,
    });
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(await run({ shell: true, script: 'true' }, { cwd: file })).toMatchObject({
      kind: 'spawn-failed',
      code: 'ENOTDIR',
      message: `working directory ${file} is not a directory`,
    });
  });

  it('reports a file that may not be executed as a spawn failure (EACCES)', async () => {
    const script = join(dir, 'not-executable.sh');
    writeFileSync(script, '#!/bin/sh\necho hi\n');
    chmodSync(script, 0o644);
    expect(await run({ shell: false, argv: [script] })).toMatchObject({ kind: 'spawn-failed', code: 'EACCES' });
  });

  it('does not wait for a background child that keeps the output open', async () => {
    const pidFile = join(dir, 'background.pid');
    const result = exited(await run(sh(`sleep 30 & echo $! > ${pidFile}; echo hi`)));
    process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    expect(result).toMatchObject({ exitCode: 0, stdoutTail: 'hi\n' });
  });
});
