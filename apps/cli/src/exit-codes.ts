import { CommanderError } from 'commander';
import { EXIT_CODE_OF, EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, isTaskledgerError } from '@taskledger/errors';

/** The one place that turns an error into an exit code and a message for the user. */
export const describeFailure = (error: unknown, debug: boolean): { code: number; message: string } => {
  if (error instanceof CommanderError) return { code: error.exitCode === 0 ? EXIT_OK : EXIT_USAGE, message: '' };
  const text = error instanceof Error ? error.message : String(error);
  const detail = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  if (isTaskledgerError(error)) return { code: EXIT_CODE_OF[error.code], message: `error: ${text}${detail}` };
  const hint = debug ? '' : '\n(run again with --debug for the stack trace)';
  return { code: EXIT_PROBLEM, message: `unexpected error: ${text}${detail}${hint}` };
};
