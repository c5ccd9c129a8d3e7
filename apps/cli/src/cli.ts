import { Command, Option } from 'commander';
import { CliContext, CliIo } from './cli-context';
import { registerAuditCommands } from './commands/audit.commands';
import { registerBacklogCommands } from './commands/backlog.commands';
import { registerExecutionCommands } from './commands/execution.commands';
import { registerImportCommands } from './commands/import.commands';
import { registerInfo } from './commands/info.command';
import { registerProjectionCommands } from './commands/projections.commands';
import { registerReportCommands } from './commands/ledger-reports.commands';
import { registerServe } from './commands/serve.command';
import { registerVerify } from './commands/verify.command';
import { describeFailure } from './exit-codes';

const VERSION: string = require('../package.json').version;

/** Builds the `taskledger` program: global options plus one registration per command. */
export const buildProgram = (context: CliContext): Command => {
  const program = new Command('taskledger')
    .description(
      'An event-sourced ledger for task execution: parse a markdown backlog, run its tasks, keep every step.',
    )
    .version(VERSION, '-V, --version')
    .option('-c, --config <file>', 'taskledger.config.json to use (default: ./taskledger.config.json if present)')
    .option('--debug', 'show stack traces on errors')
    .addOption(
      new Option(
        '--log-format <format>',
        'what goes to standard error: text, or JSON lines (as the projector and the API log)',
      )
        .choices(['text', 'json'])
        .default('text'),
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    })
    .addHelpText(
      'after',
      '\nEnvironment:\n  TASKLEDGER_EVENT_STORE  sqlite:<path> (default sqlite:.taskledger/ledger.db), esdb://..., memory:\n' +
        '  TASKLEDGER_READ_STORE   sqlite:<path> (default: the event store file), mongodb://..., memory:\n' +
        '\nExit codes: 0 ok, 1 the command found problems, 2 usage or input error.',
    );
  registerBacklogCommands(program, context);
  registerExecutionCommands(program, context);
  registerReportCommands(program, context);
  registerAuditCommands(program, context);
  registerVerify(program, context);
  registerProjectionCommands(program, context);
  registerImportCommands(program, context);
  registerServe(program, context);
  registerInfo(program, context);
  const configure = (command: Command): void => {
    command.exitOverride().showHelpAfterError('(run with --help for usage)');
    command.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
};

/** Runs one invocation and resolves to its exit code; never throws. */
export const runCli = async (argv: string[], io: CliIo): Promise<number> => {
  const holder: { program?: Command } = {};
  const context = new CliContext(io, () => holder.program?.opts() ?? {});
  const program = (holder.program = buildProgram(context));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return context.exitCode;
  } catch (error) {
    const failure = describeFailure(error, context.debug);
    if (failure.message) context.io.stderr.write(`${failure.message}\n`);
    return failure.code;
  }
};
