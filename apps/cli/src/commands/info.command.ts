import { Command, Option } from 'commander';
import { positionToString } from '@taskledger/event-store';
import { CliContext } from '../cli-context';

/** `taskledger info`: which configuration and stores this directory uses, and how full they are. */
export const registerInfo = (program: Command, context: CliContext): void => {
  program
    .command('info')
    .description('show the configuration in effect and the state of the event store')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      '\nExamples:\n  taskledger info\n  TASKLEDGER_EVENT_STORE=memory: taskledger info --format json',
    )
    .action(async (options: { format: 'text' | 'json' }) => {
      const config = context.config();
      await context.withStores(async (stores) => {
        const head = await stores.eventStore.headPosition();
        const info = {
          configFile: config.configFile,
          eventStore: stores.locations.eventStore,
          readStore: stores.locations.readStore,
          headPosition: head ? positionToString(head) : null,
        };
        if (options.format === 'json') return context.printJson(info);
        context.print(`Config file:    ${info.configFile ?? '(none; defaults and environment)'}`);
        context.print(`Event store:    ${info.eventStore}`);
        context.print(`Read store:     ${info.readStore}`);
        context.print(`Head position:  ${info.headPosition ?? '(no events yet)'}`);
      });
    });
};
