import { isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';
import {
  createDecisionContext,
  DecisionContext,
  DEFAULT_MAX_TIMEOUT_MS,
  durationUpTo,
  RetryPoliciesConfig,
} from '@taskledger/execution';
import { parseSection } from './config-issues';

const Command = z.union([z.string().trim().min(1), z.array(z.string().min(1)).min(1)], {
  error: 'expected a command string or an argv array of strings',
});

// Every duration is at most MAX_DURATION_MS: a timer cannot wait longer in one go.
const timeoutSetting = durationUpTo(z.number().positive(), 'more than 0 and at most', ', or null for no timeout')
  .nullable()
  .optional();
const graceSetting = durationUpTo(z.number().nonnegative(), 'from 0 to').optional();
// .int() after the cap: its own bound (2^53-1) would otherwise be the one reported.
const leaseSetting = durationUpTo(z.number().positive(), 'from 1 to').int().optional();

const executorFields = {
  /** An argv array, or a string split into argv (quotes respected, no shell) unless `shell` is true. */
  command: Command.optional(),
  /** Run `command`, a string, through /bin/sh. Default false. */
  shell: z.boolean().optional(),
  /** Working directory, relative to the current directory. Default: the current directory. */
  cwd: z.string().min(1).optional(),
  /** Extra environment variables for the task. */
  env: z.record(z.string(), z.string()).optional(),
  /** Attempt timeout in ms; null = none. Default `run.timeoutMs`. */
  timeoutMs: timeoutSetting,
  /** Wait between SIGTERM and SIGKILL, in ms. Default `run.killGraceMs`. */
  killGraceMs: graceSetting,
  /** The task has no command: outside runners report it (`taskledger report`). Default false. */
  manual: z.boolean().optional(),
};

type ExecutorFields = { command?: string | string[]; shell?: boolean; manual?: boolean };

const checkExecutor = (spec: ExecutorFields, context: z.RefinementCtx): void => {
  if (spec.manual === true && spec.command !== undefined) {
    context.addIssue({ code: 'custom', path: ['manual'], message: 'a manual executor has no "command"' });
  } else if (spec.manual !== true && spec.command === undefined) {
    context.addIssue({ code: 'custom', path: ['command'], message: 'needs a "command" (or "manual": true)' });
  } else if (spec.shell === true && Array.isArray(spec.command)) {
    context.addIssue({
      code: 'custom',
      path: ['command'],
      message: 'with "shell": true, give the command as one string',
    });
  }
};

export const ExecutorSpec = z.strictObject(executorFields).superRefine(checkExecutor);
export type ExecutorSpec = z.infer<typeof ExecutorSpec>;

export const FootprintExecutorSpec = z
  .strictObject({
    /** Glob on the task's tech footprint, case-insensitive: `*` any text, `?` one character. */
    pattern: z.string().min(1),
    ...executorFields,
  })
  .superRefine(checkExecutor);
export type FootprintExecutorSpec = z.infer<typeof FootprintExecutorSpec>;

/** The `executors` section: which command runs which task. The first match wins, in this order. */
export const ExecutorsConfig = z.strictObject({
  /** By task id. */
  byTask: z.record(z.string(), ExecutorSpec).optional(),
  /** By tech-footprint pattern, first matching entry. */
  byTechFootprint: z.array(FootprintExecutorSpec).optional(),
  /** Everything else. Default: none (tasks wait for `taskledger report`). */
  default: ExecutorSpec.optional(),
});
export type ExecutorsConfig = z.infer<typeof ExecutorsConfig>;

/** The `run` section: defaults for `run` and `execute`. */
export const RunSettingsConfig = z.strictObject({
  /** A running execution's lease, renewed every third of it. Default 30 000 ms. */
  leaseMs: leaseSetting,
  /** Attempt timeout when the executor sets none; null = none. Default 300 000 ms. */
  timeoutMs: timeoutSetting,
  /** Cap of a timeout doubled by recovery. Default 600 000 ms. */
  maxTimeoutMs: durationUpTo(z.number().positive(), 'more than 0 and at most').optional(),
  /** Wait between SIGTERM and SIGKILL. Default 5 000 ms. */
  killGraceMs: graceSetting,
  /** Per-task scratch directories live in `<scratchDir>/<task id>`. Default `.taskledger/scratch`. */
  scratchDir: z.string().min(1).optional(),
  /** Lease of an execution an outside runner started with `report start`. Default 3 600 000 ms. */
  manualLeaseMs: leaseSetting,
  /** Tasks `run` executes at once. Default 1. */
  concurrency: z.number().int().positive().optional(),
});

export interface RunSettings {
  leaseMs: number;
  timeoutMs: number | null;
  maxTimeoutMs: number;
  killGraceMs: number;
  /** Absolute. */
  scratchDir: string;
  manualLeaseMs: number;
  concurrency: number;
  /** Where relative paths (executor cwd, scratch dir) are resolved. */
  cwd: string;
}

export interface RunnerConfig {
  executors: ExecutorsConfig;
  retryPolicies: RetryPoliciesConfig;
  settings: RunSettings;
}

/** The config file's sections the runner owns (taskledger.config.json, as loaded by @taskledger/config). */
export interface RunnerConfigInput {
  file: { executors?: unknown; retryPolicies?: unknown; run?: unknown };
  /** The config file read, absolute; null when there is none. */
  configFile: string | null;
  cwd: string;
}

const displayName = (configFile: string | null, cwd: string): string => {
  if (configFile === null) return 'taskledger.config.json';
  const path = relative(cwd, configFile);
  return path.startsWith('..') || isAbsolute(path) ? configFile : path;
};

/**
 * Validates the runner's sections of taskledger.config.json and applies the defaults. Errors
 * name the file and the field: `taskledger.config.json: run.leaseMs: expected a number`.
 */
export const loadRunnerConfig = ({ file, configFile, cwd }: RunnerConfigInput): RunnerConfig => {
  const name = displayName(configFile, cwd);
  const executors = parseSection(ExecutorsConfig, file.executors ?? {}, name, 'executors');
  const retryPolicies = parseSection(RetryPoliciesConfig, file.retryPolicies ?? {}, name, 'retryPolicies');
  const run = parseSection(RunSettingsConfig, file.run ?? {}, name, 'run');
  const settings: RunSettings = {
    leaseMs: run.leaseMs ?? 30_000,
    timeoutMs: run.timeoutMs === undefined ? 300_000 : run.timeoutMs,
    maxTimeoutMs: run.maxTimeoutMs ?? DEFAULT_MAX_TIMEOUT_MS,
    killGraceMs: run.killGraceMs ?? 5_000,
    scratchDir: resolve(cwd, run.scratchDir ?? '.taskledger/scratch'),
    manualLeaseMs: run.manualLeaseMs ?? 3_600_000,
    concurrency: run.concurrency ?? 1,
    cwd,
  };
  return { executors, retryPolicies, settings };
};

/** The decider's context for this configuration: its retry policies and timeout cap, and a random source for jitter. */
export const runnerDecisionContext = (config: RunnerConfig, random: () => number): DecisionContext =>
  createDecisionContext({ random, retryPolicies: config.retryPolicies, maxTimeoutMs: config.settings.maxTimeoutMs });
