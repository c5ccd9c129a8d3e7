import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { importLegacyState, LegacyImportSummary, machineTimeZone } from '@taskledger/import';
import { CliContext } from '../cli-context';

const format = () => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

const legacyLines = (summary: LegacyImportSummary): string[] => [
  ...(summary.dryRun ? [`Dry run: nothing appended. Would record ${plural(summary.appended, 'event')}:`] : []),
  ...(summary.dryRun ? summary.recorded.map((line) => `  ${line.occurredAt}  ${line.stream}  ${line.type}`) : []),
  `${summary.dryRun ? 'Read' : 'Imported'} ${summary.path} (times read as ${summary.timeZone}): ` +
    `${plural(summary.tasks, 'task')}, ${plural(summary.events, 'event')} ` +
    `(${summary.appended} ${summary.dryRun ? 'to append' : 'appended'}, ${summary.alreadyPresent} already in the ledger), ` +
    plural(summary.warnings.length, 'warning'),
  ...summary.warnings.map(
    (warning) =>
      `  ${warning.taskId}${warning.row === null ? '' : ` execution_history row ${warning.row}`}: ${warning.message}`,
  ),
];

interface LegacyOptions {
  dryRun?: boolean;
  timezone?: string;
  format: 'text' | 'json';
}

const registerLegacyState = (parent: Command, context: CliContext) =>
  parent
    .command('legacy-state')
    .description("record the original scripts' task_execution.db as events at their original times")
    .argument('<db>', 'the task_execution.db written by state_manager.py (opened read-only)')
    .option('--dry-run', 'print what would be recorded; append nothing')
    .option('--timezone <zone>', "IANA zone of the file's naive local times (default: this machine's)")
    .addOption(format())
    .addHelpText(
      'after',
      '\nExamples:\n  taskledger import legacy-state task_execution.db --dry-run\n' +
        '  taskledger import legacy-state task_execution.db --timezone Europe/Berlin',
    )
    .action(async (db: string, options: LegacyOptions) => {
      await context.withStores(async (stores) => {
        const summary = await importLegacyState(stores.eventStore, {
          path: resolve(context.io.cwd, db),
          timeZone: options.timezone ?? machineTimeZone(),
          dryRun: options.dryRun,
          correlationId: context.correlationId,
        });
        if (options.format === 'json') context.printJson(summary);
        else legacyLines(summary).forEach((line) => context.print(line));
      });
    });

/** `taskledger import ...`: history recorded before the ledger existed. */
export const registerImportCommands = (program: Command, context: CliContext): void => {
  const command = program
    .command('import')
    .description('import history kept before taskledger: the original scripts’ state database');
  registerLegacyState(command, context);
};
