import { Command } from 'commander';
import { CliContext } from '../cli-context';
import { registerExecute } from './execute.command';
import { registerReport } from './outside-run-report.command';
import { registerRun } from './run.command';

/** execute, run, report: the commands that run tasks or record outside runs. */
export const registerExecutionCommands = (program: Command, context: CliContext): void => {
  registerExecute(program, context);
  registerRun(program, context);
  registerReport(program, context);
};
