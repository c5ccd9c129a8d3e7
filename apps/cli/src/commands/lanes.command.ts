import { TaskledgerError } from '@taskledger/errors';
import { Command } from 'commander';
import { aiExecutableQueue, laneExclusions, priorityLanes, queueExclusions } from '@taskledger/backlog';
import { CliContext } from '../cli-context';
import { withReadModels } from '../read-models';
import { backlogFromFile, backlogFromLedger, BacklogView } from './backlog-source';
import { asOfOption, formatOption, fromFileOption } from './cli-options';

interface LanesOptions {
  format: 'text' | 'json';
  fromFile?: string;
  asOf?: string;
}

/** `Not in a lane: B-4, B-6 (no score); B-1 (done)`, or nothing when no task is left out. */
const reasonsLine = (label: string, groups: ReadonlyArray<readonly [string, readonly string[]]>): string[] => {
  const parts = groups.filter(([, ids]) => ids.length > 0).map(([reason, ids]) => `${ids.join(', ')} (${reason})`);
  return parts.length === 0 ? [] : [`${label}: ${parts.join('; ')}`];
};

const report = (context: CliContext, view: BacklogView, options: LanesOptions): void => {
  const done = { done: view.completedInLedger };
  const lanes = priorityLanes(view.tasks, done);
  const queue = aiExecutableQueue(view.tasks, done);
  const notInLane = laneExclusions(view.tasks, done);
  const notQueued = queueExclusions(view.tasks, done);
  if (options.format === 'json')
    return context.printJson({ p0: lanes.p0, p1: lanes.p1, p2: lanes.p2, aiExecutable: queue, notInLane, notQueued });
  const titles = new Map(view.tasks.map((task) => [task.id, task]));
  const line = (id: string) => {
    const task = titles.get(id);
    return `  ${id.padEnd(10)} ${String(task?.scoreTotal ?? '-').padStart(5)}  ${task?.title ?? ''}`;
  };
  const lane = (name: string, ids: readonly string[]) => [
    `${name} (${ids.length}):`,
    ...(ids.length ? ids.map(line) : ['  (none)']),
  ];
  [
    ...lane('P0 lane', lanes.p0),
    ...lane('P1 lane', lanes.p1),
    ...lane('P2 lane', lanes.p2),
    ...reasonsLine('Not in a lane', [
      ['no score', notInLane.noScore],
      ['lanes full', notInLane.lanesFull],
      ['done', notInLane.done],
    ]),
    `AI-executable queue (${queue.length}):`,
    ...(queue.length ? queue.map((entry) => `${line(entry.taskId)}  [${entry.executor}]`) : ['  (none)']),
    ...reasonsLine('Not queued', [
      ['no default_executor', notQueued.noExecutor],
      ['human-required', notQueued.humanRequired],
      ['done', notQueued.done],
    ]),
  ].forEach((text) => context.print(text));
};

export const registerLanes = (program: Command, context: CliContext): void => {
  program
    .command('lanes')
    .description('P0/P1/P2 lanes (5/7/8 pending tasks by score) and the AI-executable queue')
    .addOption(formatOption())
    .addOption(fromFileOption())
    .addOption(asOfOption())
    .addHelpText(
      'after',
      '\nExamples:\n  taskledger lanes\n  taskledger lanes --from-file 000_backlog.md --format json',
    )
    .action(async (options: LanesOptions) => {
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
