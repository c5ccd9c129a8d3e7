import { Command } from 'commander';
import { positionToString } from '@taskledger/event-store';
import { projectionStatus, ProjectionStatus, startProjector } from '@taskledger/projection-runtime';
import { readModels } from '@taskledger/projections';
import { projectionRuntime, selectProjections } from '@taskledger/stores';
import { CliContext } from '../cli-context';
import { asOfOption, portNumber, formatOption } from './cli-options';
import { progressReporter } from '../progress-line';
import { withReadModels } from '../read-models';

const statusJson = (status: ProjectionStatus) => ({
  name: status.name,
  version: status.version,
  state: status.state,
  position: status.position,
  headPosition: status.headPosition,
  lag: status.lag,
  documents: status.documents,
  deadLetters: status.deadLetters,
});

const statusLines = (statuses: readonly ProjectionStatus[]): string[] => [
  `${'PROJECTION'.padEnd(22)} ${'VERSION'.padStart(7)}  ${'STATE'.padEnd(12)} ${'POSITION'.padStart(10)} ${'LAG'.padStart(8)} ${'DOCUMENTS'.padStart(10)} ${'DEAD'.padStart(5)}`,
  ...statuses.map(
    (s) =>
      `${s.name.padEnd(22)} ${String(s.version).padStart(7)}  ${s.state.padEnd(12)} ${String(s.position ?? '-').padStart(10)} ` +
      `${String(s.lag).padStart(8)} ${String(s.documents).padStart(10)} ${String(s.deadLetters).padStart(5)}${s.failure ? `  ${s.failure}` : ''}`,
  ),
];

const registerStatus = (parent: Command, context: CliContext) =>
  parent
    .command('status')
    .description('version, state, checkpoint, lag, documents and dead letters of each read model')
    .addOption(formatOption())
    .addOption(asOfOption())
    .addHelpText(
      'after',
      '\nLAG: events not yet applied; DEAD: events the projection could not apply.\n' +
        '\nExamples:\n  taskledger projections status\n  taskledger projections status --format json',
    )
    .action(async (options: { format: 'text' | 'json'; asOf?: string }) => {
      await withReadModels(
        context,
        async (stores) => {
          const statuses = await projectionStatus(stores.eventStore, stores.readStore, readModels);
          if (options.format === 'json') return context.printJson({ projections: statuses.map(statusJson) });
          statusLines(statuses).forEach((line) => context.print(line));
        },
        options,
      );
    });

const registerRebuild = (parent: Command, context: CliContext) =>
  parent
    .command('rebuild')
    .description('rebuild one read model from the first event into a new collection, then swap it in')
    .argument('<name>', `projection (${readModels.map((p) => p.name).join(', ')})`)
    .addHelpText(
      'after',
      '\nQueries keep reading the old documents until the new ones are complete.\nWith a server-side store, stop the projector for this projection first.\n\nExample:\n  taskledger projections rebuild performance_metrics',
    )
    .action(async (name: string) => {
      const projections = selectProjections([name]);
      await context.withStores(async (stores) => {
        const progress = progressReporter(context.io.stderr, `rebuilding ${name}`, { minEvents: 0, everyMs: 1000 });
        const started = Date.now();
        const result = await projectionRuntime(stores, projections, { onProgress: progress.update }).rebuild(name);
        progress.done();
        const head = await stores.eventStore.headPosition();
        const seconds = (Date.now() - started) / 1000;
        context.print(
          `Rebuilt ${name}: ${result.processed.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s ` +
            `(${result.eventsPerSecond.toLocaleString('en-US')} ev/s); swapped in at position ${head ? positionToString(head) : '-'}`,
        );
      });
    });

export const registerProjectionCommands = (program: Command, context: CliContext): void => {
  const projections = program
    .command('projections')
    .description('status and rebuilds of the read models')
    .addHelpText(
      'after',
      '\nExamples:\n  taskledger projections status\n  taskledger projections rebuild performance_metrics',
    );
  registerStatus(projections, context);
  registerRebuild(projections, context);
  program
    .command('project')
    .description('run the projector in the foreground: keep read models current, serve /health and /lag')
    .option('--only <names>', 'comma-separated projections to run (default: all)')
    .option('--port <port>', 'health/lag port, 0-65535 (default TASKLEDGER_PROJECTOR_PORT or 3001)', portNumber)
    .addHelpText(
      'after',
      '\nCtrl-C finishes the batch in hand, writes its checkpoint and exits 0.\n' +
        '\nExamples:\n  taskledger project\n  taskledger project --only performance_metrics,error_statistics --port 3101\n' +
        '  curl localhost:3101/lag          # in another terminal, while the projector runs',
    )
    .action(async (options: { only?: string; port?: number }) => {
      const selected = selectProjections(
        options.only
          ?.split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      );
      const config = context.config();
      await context.withStores(async (stores) => {
        const projector = await startProjector({
          eventStore: stores.eventStore,
          readStore: stores.readStore,
          projections: selected,
          host: config.projector.host,
          port: options.port ?? config.projector.port,
        });
        context.warn(
          `projector running ${selected.map((p) => p.name).join(', ')}; health on http://${config.projector.host}:${projector.port}/health (Ctrl-C to stop)`,
        );
        const stop = () => void projector.stop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const progress = await projector.done;
        context.warn(`projector stopped after ${progress.processed} events`);
      });
    });
};
