import { Command } from 'commander';
import { ParseWarning } from '@taskledger/backlog';
import { IntakeSummary, recordBacklog } from '@taskledger/intake';
import { Stores } from '@taskledger/stores';
import { CliContext } from '../cli-context';
import { readBacklogFile } from './backlog-file';
import { formatOption } from './cli-options';

const FIRST_WARNINGS = 20;

export const formatWarning = (warning: ParseWarning): string =>
  `  line ${warning.line}: ${warning.code} ${warning.message}`;

/** The warnings section: the first 20 (or all), with line numbers. */
export const warningLines = (warnings: readonly ParseWarning[], all: boolean): string[] => {
  if (warnings.length === 0) return [];
  const shown = all ? warnings : warnings.slice(0, FIRST_WARNINGS);
  const heading =
    shown.length < warnings.length
      ? `Warnings (first ${shown.length} of ${warnings.length}; --all-warnings shows all):`
      : 'Warnings:';
  return [heading, ...shown.map(formatWarning)];
};

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

const some = (ids: readonly string[], max = 20): string =>
  ids.length > max ? `${ids.slice(0, max).join(', ')} … and ${ids.length - max} more` : ids.join(', ');

const summaryLines = (summary: IntakeSummary, allWarnings: boolean): string[] => [
  `Parsed ${summary.path}: ${summary.tasks} tasks (${summary.registered.length} new, ${summary.changed.length} changed, ` +
    `${summary.removed.length} removed, ${summary.unchanged} unchanged), ${plural(summary.warnings.length, 'warning')}`,
  ...(summary.changed.length > 0 ? [`Changed: ${some(summary.changed)}`] : []),
  ...(summary.removed.length > 0 ? [`Removed: ${some(summary.removed)}`] : []),
  ...warningLines(summary.warnings, allWarnings),
];

export interface ParseOptions {
  allWarnings?: boolean;
  format?: 'text' | 'json';
}

/** Parses a backlog file into the ledger and prints the summary (also used by `run --backlog`). */
export const parseBacklogFile = async (
  context: CliContext,
  stores: Stores,
  file: string,
  options: ParseOptions = {},
): Promise<IntakeSummary> => {
  const input = readBacklogFile(file, context.io.cwd);
  const summary = await recordBacklog(stores.eventStore, input, { ...context.eventContext(), cwd: context.io.cwd });
  if (options.format === 'json') context.printJson(summary);
  else summaryLines(summary, Boolean(options.allWarnings)).forEach((line) => context.print(line));
  return summary;
};

export const registerParse = (program: Command, context: CliContext): void => {
  program
    .command('parse')
    .description('parse a markdown backlog and record new, changed and removed tasks as events')
    .argument('[file]', 'backlog file (default: "backlog" in taskledger.config.json, else 000_backlog.md)')
    .option('--all-warnings', 'print every warning, not just the first 20')
    .addOption(formatOption())
    .addHelpText(
      'after',
      '\nExamples:\n  taskledger parse\n  taskledger parse docs/backlog.md --all-warnings\n  taskledger parse backlog.md --format json',
    )
    .action(async (file: string | undefined, options: ParseOptions) => {
      await context.withStores((stores) =>
        parseBacklogFile(context, stores, file ?? context.config().backlogPath, options),
      );
    });
};
