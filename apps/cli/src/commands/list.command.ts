import { TaskledgerError } from '@taskledger/errors';
import { Command, Option } from 'commander';
import { BacklogStatus, ParsedTask, Priority, sortByPriority } from '@taskledger/backlog';
import type { ExecutionStatus } from '@taskledger/projections';
import { CliContext } from '../cli-context';
import { withReadModels } from '../read-models';
import { backlogFromFile, backlogFromLedger, BacklogView } from './backlog-source';
import { warningLines } from './parse.command';
import { asOfOption, formatOption, fromFileOption } from './cli-options';

interface ListOptions {
  status?: BacklogStatus;
  priority?: Priority;
  format: 'table' | 'json';
  fromFile?: string;
  asOf?: string;
}

const listed = (task: ParsedTask, executionStatus: ExecutionStatus | null) => ({
  id: task.id,
  title: task.title,
  priority: task.priority,
  priorityIcon: task.priorityIcon,
  points: task.points,
  backlogStatus: task.backlogStatus,
  backlogStatusRaw: task.backlogStatusRaw,
  executionStatus,
  scoreTotal: task.scoreTotal,
  dependencies: task.dependencies,
  unresolvedDependencies: task.unresolvedDependencies,
  humanRequired: task.humanRequired,
  humanReason: task.humanReason,
  defaultExecutor: task.defaultExecutor,
  source: task.source,
  meta: task.meta,
});

const cell = (value: unknown, width: number): string => {
  const text = value === null || value === undefined ? '-' : String(value);
  return (text.length > width ? `${text.slice(0, width - 1)}…` : text).padEnd(width);
};

/** The ledger's execution status; `-` while it has none in hand (pending) or without the store. */
const executionCell = (status: ExecutionStatus | null): string | null => (status === 'pending' ? null : status);

const tableLines = (tasks: readonly ParsedTask[], view: BacklogView): string[] => [
  `${cell('ID', 10)} ${cell('PRIORITY', 9)} ${cell('POINTS', 6)} ${cell('SCORE', 6)} ${cell('BACKLOG', 12)} ${cell('EXECUTION', 10)} ${cell('DEPS', 14)} TITLE`,
  ...tasks.map(
    (task) =>
      `${cell(task.id, 10)} ${cell(task.priority, 9)} ${cell(task.points, 6)} ${cell(task.scoreTotal, 6)} ` +
      `${cell(task.backlogStatus, 12)} ${cell(executionCell(view.executionStatus.get(task.id) ?? null), 10)} ` +
      `${cell(task.dependencies.join(',') || '-', 14)} ${task.title}${task.humanRequired ? '  [human]' : ''}`,
  ),
  `${tasks.length} task${tasks.length === 1 ? '' : 's'}`,
];

const print = (context: CliContext, view: BacklogView, options: ListOptions): void => {
  const tasks = sortByPriority(view.tasks).filter(
    (task) =>
      (!options.status || task.backlogStatus === options.status) &&
      (!options.priority || task.priority === options.priority),
  );
  if (options.format === 'json') {
    const listedTasks = tasks.map((task) => listed(task, view.executionStatus.get(task.id) ?? null));
    return context.printJson({ tasks: listedTasks, warnings: view.warnings });
  }
  tableLines(tasks, view).forEach((line) => context.print(line));
  warningLines(view.warnings, false).forEach((line) => context.warn(line));
};

export const registerList = (program: Command, context: CliContext): void => {
  program
    .command('list')
    .description('list the backlog tasks the ledger knows, in priority order (or straight from a file)')
    .addOption(
      new Option('--status <status>', 'only tasks with this backlog status').choices([
        'todo',
        'in_progress',
        'done',
        'blocked',
        'unknown',
      ]),
    )
    .addOption(
      new Option('--priority <priority>', 'only tasks of this priority').choices([
        'critical',
        'high',
        'medium',
        'low',
        'unknown',
      ]),
    )
    .addOption(formatOption(['table', 'json']))
    .addOption(fromFileOption())
    .addOption(asOfOption())
    .addHelpText(
      'after',
      '\nExamples:\n  taskledger list --status todo --priority critical\n  taskledger list --format json > tasks.json\n  taskledger list --from-file 000_backlog.md',
    )
    .action(async (options: ListOptions) => {
      if (options.asOf !== undefined && options.fromFile)
        throw new TaskledgerError(
          'InvalidArgument',
          '--as-of reads the ledger; it cannot be combined with --from-file',
        );
      if (options.fromFile) return print(context, backlogFromFile(options.fromFile, context.io.cwd), options);
      await withReadModels(
        context,
        async (stores) => print(context, await backlogFromLedger(stores), options),
        options,
      );
    });
};
