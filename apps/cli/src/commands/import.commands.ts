import { TaskledgerError } from '@taskledger/errors';
import { isAbsolute, relative, resolve, sep } from 'node:path';

import { Command } from 'commander';
import {
  GitImportSummary,
  importGitHistory,
  importLegacyState,
  LegacyImportSummary,
  machineTimeZone,
} from '@taskledger/import';
import { CliContext } from '../cli-context';
import { formatOption } from './cli-options';

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
    .addOption(formatOption())
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

const gitLines = (summary: GitImportSummary): string[] => [
  `Imported ${plural(summary.imported, 'commit')} of ${summary.path} from ${summary.repo} (backlog ${summary.backlogId}): ` +
    `${plural(summary.events, 'event')}, ${summary.alreadyImported} of ${summary.commits} commits already imported, ` +
    plural(summary.parseWarnings, 'parser warning'),
  ...summary.warnings.map((warning) => `  commit ${warning.commit}: ${warning.message}`),
];

/** A progress line on stderr for long imports: redrawn on a TTY, else one line every 2 s. */
const commitProgress = (context: CliContext) => {
  const stream = context.io.stderr;
  let last = 0;
  let shown = false;
  return {
    update(done: number, total: number) {
      const now = Date.now();
      if (total < 200 || (now - last < (stream.isTTY ? 100 : 2000) && done < total)) return;
      last = now;
      shown = true;
      const line = `importing git history: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} commits`;
      stream.write(stream.isTTY ? `\r${line}` : `${line}\n`);
    },
    done: () => shown && stream.isTTY && stream.write('\n'),
  };
};

/** The configured backlog (taskledger.config.json `backlog`, else 000_backlog.md) relative to the repository. */
const configuredPath = (context: CliContext, repo: string): string => {
  const backlog = context.config().backlogPath;
  const path = relative(resolve(context.io.cwd, repo), backlog);
  if (path === '' || path.startsWith('..') || isAbsolute(path)) {
    throw new TaskledgerError(
      'InvalidArgument',
      `the backlog ${backlog} is not inside ${resolve(context.io.cwd, repo)}; pass --path <file in the repository>`,
    );
  }
  return path.split(sep).join('/');
};

interface GitOptions {
  path?: string;
  branch?: string;
  since?: string;
  format: 'text' | 'json';
}

const registerGit = (parent: Command, context: CliContext) =>
  parent
    .command('git')
    .description('record every committed version of a backlog file as parse would have at its commit time')
    .argument('<repo>', 'the git repository (a full clone, not shallow)')
    .option(
      '--path <file>',
      'the backlog file, relative to the repository; older names are followed (default: the configured backlog)',
    )
    .option('--branch <branch>', 'branch or commit whose first-parent history is read (default: HEAD)')
    .option('--since <date>', 'only commits after this date, e.g. 2025-01-31')
    .addOption(formatOption())
    .addHelpText(
      'after',
      '\nImport before the first `taskledger parse` of the same file: a ledger that already parsed it is refused.\n' +
        '\nExamples:\n  taskledger import git . --path docs/000_backlog.md\n  taskledger import git ../tasks --branch main --format json',
    )
    .action(async (repo: string, options: GitOptions) => {
      await context.withStores(async (stores) => {
        const progress = commitProgress(context);
        const summary = await importGitHistory(stores.eventStore, {
          repo,
          path: options.path ?? configuredPath(context, repo),
          branch: options.branch,
          since: options.since,
          cwd: context.io.cwd,
          onProgress: progress.update,
        });
        progress.done();
        if (options.format === 'json') context.printJson(summary);
        else gitLines(summary).forEach((line) => context.print(line));
      });
    });

/** `taskledger import ...`: history recorded before the ledger existed. */
export const registerImportCommands = (program: Command, context: CliContext): void => {
  const command = program
    .command('import')
    .description("import history kept before taskledger: a backlog's git history, the original scripts' state database")
    .addHelpText(
      'after',
      '\nExamples:\n  taskledger import git ../my-project --path docs/backlog.md\n' +
        '  taskledger import legacy-state task_execution.db --timezone Europe/Berlin --dry-run',
    );
  registerGit(command, context);
  registerLegacyState(command, context);
};
