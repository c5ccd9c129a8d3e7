import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunnerRecoveryAction, RunnerRecoveryOutcomes } from '@taskledger/execution';
import type { RecoveryReport, RunnerIo } from './runner-deps';

/** A task id as a single, safe path segment. */
const segment = (taskId: string): string => taskId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');

/** The task's scratch directory: `<scratchDir>/<task id>`, handed to it as TASKLEDGER_SCRATCH_DIR. */
export const scratchDirOf = (scratchDir: string, taskId: string): string => join(scratchDir, segment(taskId));

/** Empties (or creates) a task's scratch directory. */
export const clearScratchDir = async (scratchDir: string, taskId: string): Promise<RecoveryReport> => {
  const path = scratchDirOf(scratchDir, taskId);
  try {
    await rm(path, { recursive: true, force: true });
    await mkdir(path, { recursive: true });
    return { outcome: 'succeeded', details: { path } };
  } catch (error) {
    return { outcome: 'failed', details: { path, error: (error as Error).message } };
  }
};

/** Performs the runner's share of the recovery for a failure, before the failure is decided. */
export const performRecoveries = async (
  io: RunnerIo,
  taskId: string,
  actions: readonly RunnerRecoveryAction[],
): Promise<RunnerRecoveryOutcomes> => {
  const outcomes: RunnerRecoveryOutcomes = {};
  for (const action of actions) {
    outcomes[action] = action === 'clear-scratch-dir' ? await io.clearScratchDir(taskId) : await io.reopenStore();
  }
  return outcomes;
};

/** The runner's real I/O: scratch directories under `scratchDir`, and the given way to reopen the store. */
export const fileSystemIo = (scratchDir: string, reopenStore: () => Promise<RecoveryReport>): RunnerIo => ({
  scratchDir: async (taskId) => {
    const path = scratchDirOf(scratchDir, taskId);
    await mkdir(path, { recursive: true });
    return path;
  },
  clearScratchDir: (taskId) => clearScratchDir(scratchDir, taskId),
  reopenStore,
});
