import { newEventId } from '@taskledger/events';
import { hostname } from 'node:os';
import type { BacklogTaskDoc } from '@taskledger/projections';
import {
  fileSystemIo,
  loadRunnerConfig,
  readModelCatalogue,
  ReopenableEventStore,
  resolveCommand,
  Resolution,
  RunDeps,
  RunnerConfig,
  RunObserver,
  runnerDecisionContext,
  shellExecutor,
  systemSleep,
} from '@taskledger/runner';
import { catchUpReadModels, openStores, Stores } from '@taskledger/stores';
import type { CliContext } from '../cli-context';

/** The `executors`, `retryPolicies` and `run` sections of the config file, validated (exit 2 names the field). */
export const runnerConfig = (context: CliContext): RunnerConfig => {
  const config = context.config();
  return loadRunnerConfig({ file: config.file, configFile: config.configFile, cwd: context.io.cwd });
};

/** The database recovery: a fresh connection to the same event store (an in-memory store has nothing to reopen). */
const reopenable = (context: CliContext, stores: Stores): ReopenableEventStore =>
  new ReopenableEventStore(stores.eventStore, async () => {
    const fresh = await openStores(context.config());
    await fresh.readStore.close();
    return fresh.eventStore;
  });

/** Everything the runner needs, real: shell executor, system clock, the configured stores. */
export const composeRunner = (
  context: CliContext,
  stores: Stores,
  config: RunnerConfig,
  observer?: RunObserver,
): RunDeps => {
  const eventStore = reopenable(context, stores);
  const reopenStore = async () =>
    context.config().eventStore.kind === 'memory'
      ? { outcome: 'succeeded' as const, details: { note: 'an in-memory store has no connection to reopen' } }
      : eventStore.reopen();
  const { correlationId, actor } = context.eventContext();
  const current: Stores = { ...stores, eventStore };
  return {
    eventStore,
    executor: shellExecutor(),
    decision: runnerDecisionContext(config, Math.random),
    clock: () => new Date(),
    sleep: systemSleep,
    newId: newEventId,
    identity: { host: hostname(), pid: process.pid, correlationId, actor },
    io: fileSystemIo(config.settings.scratchDir, reopenStore),
    settings: config.settings,
    env: context.io.env,
    observer,
    catalogue: readModelCatalogue(stores.readStore, async () => void (await catchUpReadModels(current))),
  };
};

/** A task's command per the config (and the backlog's run comment when allowed). */
export const commandResolver =
  (config: RunnerConfig, allowBacklogCommands: boolean) =>
  (task: BacklogTaskDoc): Resolution =>
    resolveCommand(task, config.executors, config.settings, { allowBacklogCommands });
