import { Command } from 'commander';
import { CliContext } from '../cli-context';
import { registerLanes } from './lanes.command';
import { registerList } from './list.command';
import { registerParse } from './parse.command';
import { registerValidate } from './validate.command';

export { parseBacklogFile } from './parse.command';

/** parse, list, validate, lanes: the backlog intake commands. */
export const registerBacklogCommands = (program: Command, context: CliContext): void => {
  registerParse(program, context);
  registerList(program, context);
  registerValidate(program, context);
  registerLanes(program, context);
};
