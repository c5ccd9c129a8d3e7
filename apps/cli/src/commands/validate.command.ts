import { TaskledgerError } from '@taskledger/errors';
import { Command } from 'commander';
import {
  buildDependencyGraph,
  findDependencyCycles,
  missingDependencies,
  MissingDependency,
} from '@taskledger/backlog';
import { CliContext } from '../cli-context';
import { EXIT_PROBLEM } from '@taskledger/errors';
import { withReadModels } from '../read-models';
import { backlogFromFile, backlogFromLedger, BacklogView } from './backlog-source';
import { asOfOption, formatOption, fromFileOption } from './cli-options';

interface ValidateOptions {
  showMissing?: boolean;
  format: 'text' | 'json';
  fromFile?: string;
  asOf?: string;
}

/** `validate`: dependencies that are missing or not done, cycles, and unresolved references. */
export const validateBacklog = (view: BacklogView) => {
  const graph = buildDependencyGraph(view.tasks, { done: view.completedInLedger });
  const missing = missingDependencies(graph);
  return {
    missing: missing.filter((entry) => entry.reason === 'not_done'),
    unresolved: missing.filter((entry) => entry.reason === 'not_found'),
    cycles: findDependencyCycles(graph).map((cycle) => cycle.display),
  };
};

const byTask = (entries: readonly MissingDependency[], detail: boolean): string[] => {
  const grouped = new Map<string, string[]>();
  for (const entry of entries)
    grouped.set(entry.taskId, [
      ...(grouped.get(entry.taskId) ?? []),
      detail ? `${entry.dependency} (not done)` : entry.dependency,
    ]);
  return [...grouped].map(([taskId, deps]) => `  ${taskId}: ${deps.join(', ')}`);
};

const textLines = (result: ReturnType<typeof validateBacklog>, showMissing: boolean): string[] => [
  ...(result.missing.length === 0
    ? ['All dependencies are satisfied']
    : ['Missing dependencies found:', ...byTask(result.missing, showMissing)]),
  ...(result.cycles.length === 0 ? [] : ['Dependency cycles found:', ...result.cycles.map((cycle) => `  ${cycle}`)]),
  ...(result.unresolved.length === 0
    ? []
    : [
        'Unresolved references (no task has this id or title):',
        ...result.unresolved.map((entry) => `  ${entry.taskId}: "${entry.dependency}"`),
      ]),
];

const report = (context: CliContext, view: BacklogView, options: ValidateOptions): void => {
  const result = validateBacklog(view);
  if (options.format === 'json') context.printJson(result);
  else textLines(result, Boolean(options.showMissing)).forEach((line) => context.print(line));
  const problems = result.missing.length + result.cycles.length + result.unresolved.length;
  if (problems > 0) context.exitCode = EXIT_PROBLEM;
};

export const registerValidate = (program: Command, context: CliContext): void => {
  program
    .command('validate')
    .description('check dependencies: missing or unfinished ones, cycles, references to no task')
    .option('--show-missing', 'say why each dependency is missing')
    .addOption(formatOption())
    .addOption(fromFileOption())
    .addOption(asOfOption())
    .addHelpText(
      'after',
      '\nExit codes: 0 all satisfied, 1 problems found, 2 usage or unreadable input.\n\nExamples:\n  taskledger validate\n  taskledger validate --from-file 000_backlog.md --format json',
    )
    .action(async (options: ValidateOptions) => {
      if (options.asOf !== undefined && options.fromFile)
        throw new TaskledgerError(
          'InvalidArgument',
          '--as-of reads the ledger; it cannot be combined with --from-file',
        );
      if (options.fromFile) return report(context, backlogFromFile(options.fromFile, context.io.cwd), options);
      await withReadModels(
        context,
        async (stores) => report(context, await backlogFromLedger(stores), options),
        options,
      );
    });
};
