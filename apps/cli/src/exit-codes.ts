import { CommanderError } from 'commander';

export const EXIT_OK = 0;
/** The command ran but found problems (failed tasks, missing dependencies, ...). */
export const EXIT_DOMAIN_FAILURE = 1;
/** Bad usage or unreadable input: fix the command line, file or setting. */
export const EXIT_USAGE = 2;

/** Error codes that mean "fix the command line, the file or the setting" (exit 2). */
const USAGE_CODES = new Set([
  'InvalidConfig',
  'InvalidArgument',
  'InvalidEvent',
  'NotFound',
  'TaskNotRegistered',
  'StoreUnavailable',
  'FileTooLarge',
  'NotUtf8',
  'Binary',
]);

/** The one place that turns an error into an exit code and a message for the user. */
export const describeFailure = (error: unknown, debug: boolean): { code: number; message: string } => {
  if (error instanceof CommanderError) return { code: error.exitCode === 0 ? EXIT_OK : EXIT_USAGE, message: '' };
  const code = (error as { code?: unknown }).code;
  const text = error instanceof Error ? error.message : String(error);
  const detail = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  if (typeof code === 'string' && USAGE_CODES.has(code))
    return { code: EXIT_USAGE, message: `error: ${text}${detail}` };
  if (typeof code === 'string' && /^[A-Z][A-Za-z]+$/.test(code)) {
    return { code: EXIT_DOMAIN_FAILURE, message: `error: ${text}${detail}` };
  }
  const hint = debug ? '' : '\n(run again with --debug for the stack trace)';
  return { code: EXIT_DOMAIN_FAILURE, message: `unexpected error: ${text}${detail}${hint}` };
};
