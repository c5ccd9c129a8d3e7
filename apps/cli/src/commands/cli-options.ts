import { InvalidArgumentError, Option } from 'commander';

/** A commander parser for a whole number of at least `min`. */
export const wholeNumber =
  (min: number) =>
  (value: string): number => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || parsed < min)
      throw new InvalidArgumentError(`expected a whole number of at least ${min}, got "${value}"`);
    return parsed;
  };

/** A commander parser for a TCP port, 0-65535 (0: any free port). */
export const portNumber = (value: string): number => {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65_535)
    throw new InvalidArgumentError(`expected a port number 0-65535 (0: any free port), got "${value}"`);
  return port;
};

/** `--format`: how a command prints its result (the first choice is the default). */
export const formatOption = (choices: readonly string[] = ['text', 'json'], description = 'output format') =>
  new Option('--format <format>', description).choices(choices).default(choices[0]);

/** `--from-file`: read a backlog file (or standard input) instead of the ledger. */
export const fromFileOption = () =>
  new Option('--from-file <file>', 'read this backlog file (- for standard input) instead of the ledger');

export const allowBacklogCommandsOption = () =>
  new Option(
    '--allow-backlog-commands',
    'also run commands from <!-- run: ... --> comments in the backlog (a backlog is data: only for backlogs you trust)',
  );

/** `--as-of`: answer as the ledger stood at a moment. */
export const asOfOption = () =>
  new Option(
    '--as-of <when>',
    'answer as the ledger stood then: an ISO-8601 time (no zone = UTC), a date (its end, UTC) or position:<n>',
  );
