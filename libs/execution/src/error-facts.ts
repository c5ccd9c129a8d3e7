import { TaskledgerError } from '@taskledger/errors';
import type { RawErrorFacts } from '@taskledger/events';

/** How much of stdout / stderr a failure keeps (the end, where errors usually are). */
export const TAIL_MAX_CHARS = 4096;

/** The last `maxChars` characters of an output stream. */
export const tail = (text: string, maxChars = TAIL_MAX_CHARS): string =>
  text.length <= maxChars ? text : text.slice(text.length - maxChars);

/** Raw facts with neutral defaults for everything not observed. */
export const rawErrorFacts = (
  facts: Partial<RawErrorFacts> & Pick<RawErrorFacts, 'type' | 'message'>,
): RawErrorFacts => ({
  exitCode: null,
  signal: null,
  timedOut: false,
  spawnErrorCode: null,
  stderrTail: '',
  stdoutTail: '',
  context: {},
  ...facts,
});

/** A process ran and failed: the executor's observations (tails are cut to TAIL_MAX_CHARS). */
export const processFailureFacts = (observed: {
  message: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stderr: string;
  stdout: string;
  command?: string;
}): RawErrorFacts =>
  rawErrorFacts({
    type: 'process',
    message: observed.message,
    exitCode: observed.exitCode,
    signal: observed.signal,
    timedOut: observed.timedOut,
    stderrTail: tail(observed.stderr),
    stdoutTail: tail(observed.stdout),
    context: observed.command === undefined ? {} : { command: observed.command },
  });

/** The process could not be started (spawn's `error.code`: ENOENT, EACCES, ...). */
export const spawnFailureFacts = (observed: {
  code: string | null;
  message: string;
  command?: string;
}): RawErrorFacts =>
  rawErrorFacts({
    type: 'spawn',
    message: observed.message,
    spawnErrorCode: observed.code,
    context: observed.command === undefined ? {} : { command: observed.command },
  });

/** Our own store failed (e.g. SQLITE_BUSY); the code lands in `context.code` for the classifier. */
export const storeFailureFacts = (observed: { code: string | null; message: string }): RawErrorFacts =>
  rawErrorFacts({
    type: 'store',
    message: observed.message,
    context: observed.code === null ? {} : { code: observed.code },
  });

/**
 * `taskledger report <task> fail --error "..." [--exit-code N]`: the facts an outside runner can give.
 * Throws InvalidCommand when the exit code is not an integer.
 */
export const manualFailureFacts = (reported: { error: string; exitCode?: number | null }): RawErrorFacts => {
  const exitCode = reported.exitCode ?? null;
  if (exitCode !== null && !Number.isInteger(exitCode)) {
    throw new TaskledgerError('InvalidCommand', `exit code must be an integer, got ${exitCode}`, { exitCode });
  }
  const message = reported.error.trim() === '' ? 'failure reported without a message' : reported.error;
  return rawErrorFacts({ type: 'manual', message, exitCode, context: { source: 'report' } });
};

/** A run was stopped (Ctrl-C / SIGTERM of `run`); built by the decider for Interrupt. */
export const interruptedFacts = (signal: string | null): RawErrorFacts =>
  rawErrorFacts({ type: 'interrupted', message: `interrupted by ${signal ?? 'the user'}`, signal });

/** A runner's lease expired; built by the decider for AbandonExpired. */
export const abandonedFacts = (lease: {
  leaseExpiredAt: string;
  detectedBy: string;
  runnerHost: string;
}): RawErrorFacts =>
  rawErrorFacts({
    type: 'abandoned',
    message: `lease expired at ${lease.leaseExpiredAt} (runner on ${lease.runnerHost}); detected by ${lease.detectedBy}`,
    context: { ...lease },
  });
