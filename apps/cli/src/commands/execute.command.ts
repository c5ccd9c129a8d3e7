import { Command } from 'commander';
import { normaliseTaskId } from '@taskledger/backlog';
import { ExecuteReport, executeTask, RunnerConfig } from '@taskledger/runner';
import { Stores } from '@taskledger/stores';
import { CliContext } from '../cli-context';
import { allowBacklogCommandsOption, formatOption } from './cli-options';
import { humanConfirmation } from './confirm-prompt';
import { countsLine } from './run-summary';
import { formatDuration } from './run-format';
import { runDisplay } from './run-display';
import { interruptOnSignals, signalExitCode } from './run-signals';
import { commandResolver, composeRunner, runnerConfig } from './runner-composition';

interface ExecuteCommandOptions {
  yes?: boolean;
  allowBacklogCommands?: boolean;
  format: 'text' | 'json';
}

const verdict = (report: ExecuteReport): string => {
  const { outcome, taskId } = report;
  switch (outcome.kind) {
    case 'completed':
      return `${taskId} completed after ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}`;
    case 'interrupted':
      return `${taskId} interrupted: a later run or execute continues it`;
    case 'skipped':
      return `${taskId} skipped: ${outcome.message}`;
    case 'failed':
    case 'lost':
    case 'not-started':
    case 'held':
    case 'error':
    case 'manual':
      return `${taskId} ${outcome.kind.replace('-', ' ')}: ${outcome.message}`;
  }
};

const exitCodeOf = (report: ExecuteReport, signal: AbortSignal): number =>
  report.outcome.kind === 'completed' ? 0 : report.outcome.kind === 'interrupted' ? signalExitCode(signal) : 1;

const executeWith = async (
  context: CliContext,
  stores: Stores,
  config: RunnerConfig,
  taskId: string,
  options: ExecuteCommandOptions,
): Promise<void> => {
  const json = options.format === 'json';
  const display = runDisplay(context.io.stdout, context.io.stderr, { quiet: json, idWidth: taskId.length });
  const interrupt = interruptOnSignals((signal) =>
    context.warn(`\n${signal}: stopping; the attempt is recorded as interrupted`),
  );
  const deps = composeRunner(context, stores, config, display);
  try {
    display.start();
    const confirm = humanConfirmation(context, Boolean(options.yes), display, interrupt.signal);
    const resolve = commandResolver(config, Boolean(options.allowBacklogCommands));
    const report = await executeTask(deps, taskId, { confirm, resolve, signal: interrupt.signal });
    display.stop();
    context.exitCode = exitCodeOf(report, interrupt.signal);
    if (json) return context.printJson({ ...report, exitCode: context.exitCode });
    context.print(`\n${verdict(report)} (${formatDuration(report.durationMs)})`);
    context.print(countsLine(report.counts, report.durationMs, 'This execute'));
  } finally {
    display.stop();
    interrupt.dispose();
    await deps.eventStore.close();
  }
};

/** `taskledger execute <task>`: one task through its retries, now, with live progress. */
export const registerExecute = (program: Command, context: CliContext): void => {
  program
    .command('execute')
    .description('run one task now through its retries, showing live progress (re-runs a completed or failed task)')
    .argument('<task>', 'task id, e.g. B-049')
    .option('-y, --yes', 'run it even if it is human-required, without asking')
    .addOption(allowBacklogCommandsOption())
    .addOption(formatOption())
    .addHelpText(
      'after',
      '\nExit codes: 0 completed, 1 failed or skipped, 2 bad usage, unknown task or no command, 130/143 interrupted.\n\nExamples:\n  taskledger execute B-049\n  taskledger execute B-050 --yes --format json',
    )
    .action((task: string, options: ExecuteCommandOptions) => {
      const config = runnerConfig(context);
      return context.withStores((stores) =>
        executeWith(context, stores, config, normaliseTaskId(task.trim()), options),
      );
    });
};
