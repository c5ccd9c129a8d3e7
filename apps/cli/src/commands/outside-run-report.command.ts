import { TaskledgerError } from '@taskledger/errors';
import { Command, Option } from 'commander';
import { normaliseTaskId } from '@taskledger/backlog';

import { OutsideReport, reportOutside, ReportResult } from '@taskledger/runner';
import { CliContext } from '../cli-context';
import { formatOption } from './cli-options';
import { eventLine } from './run-format';
import { composeRunner, runnerConfig } from './runner-composition';

interface ReportCommandOptions {
  error?: string;
  exitCode?: string;
  format: 'text' | 'json';
}

const ACTIONS = ['start', 'progress', 'complete', 'fail'] as const;

const usage = (message: string): TaskledgerError => new TaskledgerError('InvalidArgument', message);

const exitCodeOption = (text: string | undefined): number | null => {
  if (text === undefined) return null;
  if (!/^-?\d+$/.test(text.trim())) throw usage(`--exit-code must be a whole number, got "${text}"`);
  return Number(text);
};

const progressReport = (args: string[]): OutsideReport => {
  const [value, ...words] = args;
  const progress = Number(value);
  if (value === undefined || value.trim() === '' || !(progress >= 0 && progress <= 1)) {
    throw usage(
      `report progress needs a value between 0 and 1, e.g. "report B-1 progress 0.5 compiling", got ${JSON.stringify(value ?? '')}`,
    );
  }
  return { action: 'progress', progress, message: words.length > 0 ? words.join(' ') : null };
};

/** The report the command line describes; usage errors exit 2. */
export const parseReport = (action: string, args: string[], options: ReportCommandOptions): OutsideReport => {
  switch (action) {
    case 'start':
      return { action: 'start' };
    case 'progress':
      return progressReport(args);
    case 'complete':
      return { action: 'complete', exitCode: exitCodeOption(options.exitCode) };
    case 'fail':
      if (options.error === undefined) throw usage('report fail needs --error "<what went wrong>"');
      return { action: 'fail', error: options.error, exitCode: exitCodeOption(options.exitCode) };
    default:
      throw usage(`unknown report "${action}"; use one of: ${ACTIONS.join(', ')}`);
  }
};

const printResult = (context: CliContext, result: ReportResult, format: 'text' | 'json'): void => {
  if (format === 'json') {
    const events = result.events.map(({ id, type, data, metadata }) => ({
      id,
      type,
      data,
      occurredAt: metadata.occurredAt,
    }));
    return context.printJson({ taskId: result.taskId, status: result.state.status, events });
  }
  if (result.events.length === 0) return context.print(`${result.taskId}: already recorded; nothing appended`);
  const lines = result.events
    .map((event) => eventLine(result.taskId, event, result.taskId.length))
    .filter((line) => line !== null);
  lines.forEach((line) => context.print(line));
  context.print(`${result.taskId} is now ${result.state.status}`);
};

/** `taskledger report`: what CI jobs and people use to tell the ledger about a task they run themselves. */
export const registerReport = (program: Command, context: CliContext): void => {
  program
    .command('report')
    .description('record what an outside runner (a CI job, a person) did with a task: start, progress, complete, fail')
    .argument('<task>', 'task id, e.g. B-049')
    .argument('<action>', `one of: ${ACTIONS.join(', ')}`)
    .argument('[args...]', 'for progress: a value between 0 and 1, then an optional message')
    .option('--error <text>', 'for fail: what went wrong (classified like any failure)')
    .addOption(new Option('--exit-code <n>', 'for complete / fail: the exit code, if there was one'))
    .addOption(formatOption())
    .addHelpText(
      'after',
      '\nExamples:\n  taskledger report B-049 start\n  taskledger report B-049 progress 0.5 "half the files migrated"\n' +
        '  taskledger report B-049 complete\n  taskledger report B-049 fail --error "deploy rejected: 403 forbidden" --exit-code 1',
    )
    .action(async (task: string, action: string, args: string[], options: ReportCommandOptions) => {
      const report = parseReport(action, args, options);
      const config = runnerConfig(context);
      await context.withStores(async (stores) => {
        const deps = composeRunner(context, stores, config);
        printResult(context, await reportOutside(deps, normaliseTaskId(task.trim()), report), options.format);
      });
    });
};
