import { createInterface } from 'node:readline';
import type { BacklogTaskDoc } from '@taskledger/projections';
import type { CliContext } from '../cli-context';
import type { RunDisplay } from './run-display';

/** Asks on the terminal; no answer (Ctrl-C, end of input, the run stopping) is a no. */
const ask = (question: string, output: NodeJS.WritableStream, signal: AbortSignal): Promise<boolean> =>
  new Promise((resolve) => {
    const prompt = createInterface({ input: process.stdin, output });
    prompt.once('close', () => resolve(false));
    // The terminal is in raw mode while asking: pass Ctrl-C on, so the run stops as it would otherwise.
    prompt.once('SIGINT', () => (prompt.close(), process.kill(process.pid, 'SIGINT')));
    prompt.question(question, { signal }, (answer) => {
      resolve(/^y(es)?$/i.test(answer.trim()));
      prompt.close();
    });
    signal.addEventListener('abort', () => prompt.close(), { once: true });
  });

/**
 * Whether a human-required task may run: always with `--yes`; otherwise a y/N question when
 * both stdin and stdout are terminals; never when nobody can be asked (CI, pipes).
 */
export const humanConfirmation = (context: CliContext, yes: boolean, display: RunDisplay, signal: AbortSignal) => {
  if (yes) return async (): Promise<boolean> => true;
  if (!process.stdin.isTTY || !context.io.stdout.isTTY) return async (): Promise<boolean> => false;
  return (task: BacklogTaskDoc): Promise<boolean> => {
    const why = task.humanReason ? ` (${task.humanReason})` : '';
    return display.pause(() =>
      ask(`${task.id} "${task.title}" needs a person${why}. Run it now? [y/N] `, process.stderr, signal),
    );
  };
};
