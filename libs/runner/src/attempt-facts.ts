import type { RawErrorFacts } from '@taskledger/events';
import { rawErrorFacts, spawnFailureFacts } from '@taskledger/execution';
import type { AttemptResult } from './executor.port';

type Exited = Extract<AttemptResult, { kind: 'exited' }>;

const lastLine = (text: string): string | null => {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const last = lines[lines.length - 1];
  return last === undefined ? null : last.length > 200 ? `${last.slice(0, 197)}...` : last;
};

const exitMessage = (result: Exited, timeoutMs: number | null): string => {
  const ended =
    result.signal !== null ? `killed by ${result.signal}` : `exited with code ${result.exitCode ?? 'unknown'}`;
  const how = result.timedOut ? `timed out after ${timeoutMs ?? '?'} ms (${ended})` : ended;
  const detail = lastLine(result.stderrTail);
  return detail === null ? how : `${how}: ${detail}`;
};

/** The raw facts of a failed attempt, as observed (the tails are the executor's 8 KiB). */
export const attemptFacts = (result: AttemptResult, command: string, timeoutMs: number | null): RawErrorFacts => {
  if (result.kind === 'spawn-failed') return spawnFailureFacts({ code: result.code, message: result.message, command });
  return rawErrorFacts({
    type: 'process',
    message: exitMessage(result, timeoutMs),
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    stderrTail: result.stderrTail,
    stdoutTail: result.stdoutTail,
    context: { command },
  });
};
