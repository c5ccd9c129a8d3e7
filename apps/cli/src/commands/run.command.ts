import { Command } from 'commander';
import { IntakeSummary, recordBacklog } from '@taskledger/intake';
import { RunnerConfig, RunReport, runFailed, runTasks } from '@taskledger/runner';
import { Stores } from '@taskledger/stores';
import { CliContext } from '../cli-context';
import { readBacklogFile } from './backlog-file';
import { allowBacklogCommandsOption, formatOption, portNumber, wholeNumber } from './cli-options';
import { humanConfirmation } from './confirm-prompt';
import { parseBacklogFile } from './backlog.commands';
import { runDisplay } from './run-display';
import { alsoTo, metricsAddress, runMetrics, serveRunMetrics } from './run-metrics';
import { interruptOnSignals, signalExitCode } from './run-signals';
import { statusRows, summaryLines } from './run-summary';
import { commandResolver, composeRunner, runnerConfig } from './runner-composition';

interface RunCommandOptions {
  backlog?: string;
  maxTasks?: number;
  concurrency?: number;
  yes?: boolean;
  allowBacklogCommands?: boolean;
  format: 'text' | 'json';
  metricsPort?: number;
}

/** `--backlog F`: parse it into the ledger first (its summary is part of the JSON document with --format json). */
const intake = (context: CliContext, stores: Stores, file: string, json: boolean): Promise<IntakeSummary> =>
  json
    ? recordBacklog(stores.eventStore, readBacklogFile(file, context.io.cwd), {
        ...context.eventContext(),
        cwd: context.io.cwd,
      })
    : parseBacklogFile(context, stores, file);

const exitCodeOf = (report: RunReport, signal: AbortSignal): number =>
  report.interrupted ? signalExitCode(signal) : runFailed(report) ? 1 : 0;

const runWith = async (
  context: CliContext,
  stores: Stores,
  config: RunnerConfig,
  options: RunCommandOptions,
): Promise<void> => {
  const json = options.format === 'json';
  const backlog = options.backlog === undefined ? null : await intake(context, stores, options.backlog, json);
  const display = runDisplay(context.io.stdout, context.io.stderr, { quiet: json });
  const metrics = options.metricsPort === undefined ? null : runMetrics();
  const server = metrics ? await serveRunMetrics(metrics, '127.0.0.1', options.metricsPort ?? 0) : null;
  if (server) context.warn(`metrics on ${metricsAddress(server)} while the run lasts`);
  const interrupt = interruptOnSignals((signal) =>
    context.warn(`\n${signal}: stopping; running attempts are recorded as interrupted (again to quit at once)`),
  );
  const observer = metrics ? alsoTo(display, metrics) : display;
  const deps = composeRunner(context, stores, config, observer);
  try {
    display.start();
    const report = await runTasks(deps, {
      backlogId: backlog?.backlogId,
      maxTasks: options.maxTasks,
      concurrency: options.concurrency,
      confirm: humanConfirmation(context, Boolean(options.yes), display, interrupt.signal),
      resolve: commandResolver(config, Boolean(options.allowBacklogCommands)),
      signal: interrupt.signal,
    });
    display.stop();
    const status = await statusRows(deps, report, backlog?.backlogId);
    context.exitCode = exitCodeOf(report, interrupt.signal);
    if (json) context.printJson({ ...(backlog ? { backlog } : {}), ...report, status, exitCode: context.exitCode });
    else summaryLines(status, report).forEach((line) => context.print(line));
  } finally {
    display.stop();
    interrupt.dispose();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await deps.eventStore.close();
  }
};

/** `taskledger run`: runs every runnable task in dependency, priority and score order, with retries, recording each step. */
export const registerRun = (program: Command, context: CliContext): void => {
  program
    .command('run')
    .description(
      'run pending tasks in dependency order, then priority and score, through their retries; a later run continues where this one stopped',
    )
    .option('--backlog <file>', 'parse this backlog into the ledger first, and run only its tasks')
    .option('--max-tasks <n>', 'start at most n tasks', wholeNumber(1))
    .option(
      '--concurrency <k>',
      'run up to k tasks at once (default: "run.concurrency" in the config, else 1)',
      wholeNumber(1),
    )
    .option('-y, --yes', 'run human-required tasks without asking')
    .option(
      '--metrics-port <port>',
      'serve Prometheus metrics on 127.0.0.1:<port>/metrics while the run lasts (0: any free port)',
      portNumber,
    )
    .addOption(allowBacklogCommandsOption())
    .addOption(formatOption())
    .addHelpText(
      'after',
      '\nExit codes: 0 every task run completed, 1 a task failed, 2 bad usage or configuration, 130/143 interrupted.\n' +
        '\nExamples:\n  taskledger run --backlog examples/backlog.md --config examples/taskledger.config.json\n  taskledger run --max-tasks 5 --concurrency 2 --yes',
    )
    .action((options: RunCommandOptions) => {
      const config = runnerConfig(context);
      return context.withStores((stores) => runWith(context, stores, config, options));
    });
};
