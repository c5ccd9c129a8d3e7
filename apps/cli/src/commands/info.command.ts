import { Command } from 'commander';
import { positionToString } from '@taskledger/event-store';
import { CliContext } from '../cli-context';
import { infoLines, infoView } from './info-view';
import { runnerConfig } from './runner-composition';
import { formatOption } from './cli-options';

/** `taskledger info`: which configuration and stores this directory uses, and how full they are. */
export const registerInfo = (program: Command, context: CliContext): void => {
  program
    .command('info')
    .description('show the configuration in effect and the state of the event store')
    .addOption(formatOption())
    .addHelpText(
      'after',
      '\nThe whole config file is checked, as run checks it: a bad setting exits 2 naming it.\n' +
        '\nExamples:\n  taskledger info\n  TASKLEDGER_EVENT_STORE=memory: taskledger info --format json',
    )
    .action(async (options: { format: 'text' | 'json' }) => {
      const config = context.config();
      const runner = runnerConfig(context);
      await context.withStores(async (stores) => {
        const head = await stores.eventStore.headPosition();
        const info = infoView(config, runner, {
          eventStore: stores.locations.eventStore,
          readStore: stores.locations.readStore,
          headPosition: head ? positionToString(head) : null,
        });
        if (options.format === 'json') return context.printJson(info);
        infoLines(info).forEach((line) => context.print(line));
      });
    });
};
