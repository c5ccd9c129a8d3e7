import type { CommandLine } from './command-resolution';

/** One attempt to run, as the runner hands it to an executor. */
export interface AttemptRequest {
  line: CommandLine;
  /** Absolute working directory. */
  cwd: string;
  /** The complete environment of the process. */
  env: Record<string, string | undefined>;
  /** Null: no timeout. On timeout the process gets SIGTERM, then SIGKILL after `killGraceMs`. */
  timeoutMs: number | null;
  killGraceMs: number;
  /** Aborting terminates the process the same way (Ctrl-C of `run`); the result says `interrupted`. */
  signal?: AbortSignal;
  /** Called for each `::progress <0..1> <message>` line on stdout. */
  onProgress?: (progress: number, message: string | null) => void;
}

export type AttemptResult =
  | {
      kind: 'exited';
      /** Null when a signal ended the process. */
      exitCode: number | null;
      signal: string | null;
      timedOut: boolean;
      interrupted: boolean;
      durationMs: number;
      stdoutTail: string;
      stderrTail: string;
    }
  | {
      /** The process could not be started (ENOENT, EACCES, ...). */
      kind: 'spawn-failed';
      code: string | null;
      message: string;
      durationMs: number;
    };

/** Runs one attempt to its end; never rejects for anything the process does. */
export interface Executor {
  run(request: AttemptRequest): Promise<AttemptResult>;
}

/** Whether an attempt's result means success. */
export const succeeded = (result: AttemptResult): boolean =>
  result.kind === 'exited' && result.exitCode === 0 && !result.timedOut && !result.interrupted;
