import { ChildProcess, ChildProcessByStdio, spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { AttemptRequest, AttemptResult, Executor } from './executor.port';
import { setLongTimeout } from './long-timer';
import { OutputTail } from './output-tail';
import { terminator } from './process-termination';
import { progressLineReader } from './progress-lines';

export interface ShellExecutorOptions {
  /** The shell for `shell: true` commands. Default `/bin/sh`. */
  shell?: string;
  /** How long output may still arrive after the process exited (a background child can hold the pipes). Default 200 ms. */
  drainMs?: number;
}

interface Observed {
  timedOut: boolean;
  interrupted: boolean;
}

const spawnArgs = (request: AttemptRequest, shell: string): [string, string[]] =>
  request.line.shell ? [shell, ['-c', request.line.script]] : [request.line.argv[0] ?? '', request.line.argv.slice(1)];

/** A child whose stdout and stderr are pipes (its stdin is closed). */
type PipedChild = ChildProcessByStdio<null, Readable, Readable>;

const start = (request: AttemptRequest, shell: string): PipedChild => {
  const [file, args] = spawnArgs(request, shell);
  return spawn(file, args, {
    cwd: request.cwd,
    env: request.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C reaches `run`, which records the attempt, then stops the group.
    detached: process.platform !== 'win32',
  });
};

const spawnFailed = (error: unknown, startedAt: number): AttemptResult => ({
  kind: 'spawn-failed',
  code: (error as NodeJS.ErrnoException).code ?? null,
  message: (error as Error).message,
  durationMs: Math.round(performance.now() - startedAt),
});

/**
 * A missing working directory makes spawn fail as if the command were missing (`spawn true
 * ENOENT`): checked first, so the failure names the directory.
 */
const missingWorkingDirectory = async (cwd: string, startedAt: number): Promise<AttemptResult | null> => {
  const problem = await stat(cwd).then(
    (found) =>
      found.isDirectory() ? null : { code: 'ENOTDIR', message: `working directory ${cwd} is not a directory` },
    (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' || error.code === 'ENOTDIR'
        ? { code: 'ENOENT', message: `working directory ${cwd} does not exist` }
        : null,
  );
  return problem && { kind: 'spawn-failed', ...problem, durationMs: Math.round(performance.now() - startedAt) };
};

/** Output tails and `::progress` lines of a running process. */
const captureOutput = (child: PipedChild, request: AttemptRequest) => {
  const stdout = new OutputTail();
  const stderr = new OutputTail();
  const decoder = new StringDecoder('utf8');
  const progress = progressLineReader((value, message) => request.onProgress?.(value, message));
  child.stdout.on('data', (chunk: Buffer) => (stdout.push(chunk), progress.push(decoder.write(chunk))));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  return {
    finish: () => {
      progress.push(decoder.end());
      progress.end();
      return { stdoutTail: stdout.text(), stderrTail: stderr.text() };
    },
  };
};

/** Timeout and abort: both stop the process group; `observed` says which happened. */
const guard = (child: ChildProcess, request: AttemptRequest) => {
  const observed: Observed = { timedOut: false, interrupted: false };
  const stop = terminator(child, request.killGraceMs);
  const timer =
    request.timeoutMs === null
      ? null
      : setLongTimeout(() => ((observed.timedOut = true), stop.start()), request.timeoutMs);
  const onAbort = () => ((observed.interrupted = true), stop.start());
  request.signal?.addEventListener('abort', onAbort, { once: true });
  if (request.signal?.aborted) onAbort();
  return {
    observed,
    dispose: () => {
      timer?.cancel();
      stop.cancel();
      request.signal?.removeEventListener('abort', onAbort);
    },
  };
};

/** Watches one running process to its end. */
const watch = (
  child: PipedChild,
  request: AttemptRequest,
  drainMs: number,
  startedAt: number,
): Promise<AttemptResult> =>
  new Promise((resolve) => {
    const output = captureOutput(child, request);
    const guarded = guard(child, request);
    let settled = false;
    const settle = (result: () => AttemptResult) => {
      if (settled) return;
      settled = true;
      guarded.dispose();
      resolve(result());
    };
    child.once('error', (error) => child.pid === undefined && settle(() => spawnFailed(error, startedAt)));
    child.once('exit', (exitCode, signal) => {
      const durationMs = Math.round(performance.now() - startedAt);
      const finish = () =>
        settle(() => ({ kind: 'exited', exitCode, signal, ...guarded.observed, durationMs, ...output.finish() }));
      child.once('close', finish);
      setLongTimeout(() => (child.stdout.destroy(), child.stderr.destroy(), finish()), drainMs, { unref: true });
    });
  });

/**
 * Runs task commands as child processes: argv form (no shell) unless the command is a shell
 * script, in its own process group, with a timeout (SIGTERM, then SIGKILL after the grace
 * period), bounded output tails, and `::progress` lines passed on.
 */
export const shellExecutor = (options: ShellExecutorOptions = {}): Executor => ({
  run: async (request) => {
    const startedAt = performance.now();
    const unusable = await missingWorkingDirectory(request.cwd, startedAt);
    if (unusable) return unusable;
    let child: PipedChild;
    try {
      child = start(request, options.shell ?? '/bin/sh');
    } catch (error) {
      return spawnFailed(error, startedAt);
    }
    return watch(child, request, options.drainMs ?? 200, startedAt);
  },
});
