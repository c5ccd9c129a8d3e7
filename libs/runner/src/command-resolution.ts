import { TaskledgerError } from '@taskledger/errors';
import { resolve } from 'node:path';
import type { ExecutorSpec, ExecutorsConfig, RunSettings } from './runner-config';
import { quoteWord, splitArgv } from './argv-split';

/** How a process is started: an argv (no shell), or a script for /bin/sh. */
export type CommandLine = { shell: false; argv: string[] } | { shell: true; script: string };

export type CommandSource = 'byTask' | 'byTechFootprint' | 'default' | 'backlog';

/** A task's command, ready for an executor. */
export interface ResolvedCommand {
  line: CommandLine;
  /** As shown to people and recorded in TaskExecutionStarted.runner.command. */
  display: string;
  /** Absolute. */
  cwd: string;
  env: Record<string, string>;
  /** The configured timeout; a timeout recovery may double it for a later attempt. */
  timeoutMs: number | null;
  killGraceMs: number;
  source: CommandSource;
}

/** What a task needs of its definition to find its command. */
export interface CommandTask {
  id: string;
  techFootprint: string | null;
  runCommand: string | null;
}

export interface ResolveOptions {
  /** Run `<!-- run: ... -->` commands from the backlog. Default false: a backlog is data. */
  allowBacklogCommands?: boolean;
}

/** `manual`: the task has no command and waits for `taskledger report`. */
export type Resolution = { kind: 'command'; command: ResolvedCommand } | { kind: 'manual'; reason: string };

const globToRegExp = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'is',
  );

const lineOf = (command: string | string[], shell: boolean): CommandLine => {
  if (shell) return { shell: true, script: Array.isArray(command) ? command.join(' ') : command };
  const argv = Array.isArray(command) ? command : splitArgv(command);
  if (argv.length === 0) throw new TaskledgerError('InvalidConfig', `command ${JSON.stringify(command)} has no words`);
  return { shell: false, argv };
};

const displayOf = (line: CommandLine): string => (line.shell ? line.script : line.argv.map(quoteWord).join(' '));

const fromSpec = (spec: ExecutorSpec, source: CommandSource, settings: RunSettings): Resolution => {
  if (spec.manual === true || spec.command === undefined)
    return { kind: 'manual', reason: `marked manual in executors.${source}` };
  const line = lineOf(spec.command, spec.shell === true);
  return {
    kind: 'command',
    command: {
      line,
      display: displayOf(line),
      cwd: resolve(settings.cwd, spec.cwd ?? '.'),
      env: spec.env ?? {},
      timeoutMs: spec.timeoutMs === undefined ? settings.timeoutMs : spec.timeoutMs,
      killGraceMs: spec.killGraceMs ?? settings.killGraceMs,
      source,
    },
  };
};

const fromBacklog = (runCommand: string, settings: RunSettings): Resolution =>
  fromSpec({ command: runCommand }, 'backlog', settings);

/**
 * Where a task's command comes from, first match wins: `executors.byTask[id]`, the first
 * `executors.byTechFootprint` entry whose pattern matches, the backlog's `<!-- run: ... -->`
 * (only with allowBacklogCommands), `executors.default`. Otherwise the task is manual.
 */
export const resolveCommand = (
  task: CommandTask,
  executors: ExecutorsConfig,
  settings: RunSettings,
  options: ResolveOptions = {},
): Resolution => {
  const byTask = executors.byTask?.[task.id];
  if (byTask) return fromSpec(byTask, 'byTask', settings);
  const footprint = task.techFootprint;
  const byFootprint =
    footprint === null
      ? undefined
      : executors.byTechFootprint?.find((spec) => globToRegExp(spec.pattern).test(footprint));
  if (byFootprint) return fromSpec(byFootprint, 'byTechFootprint', settings);
  if (task.runCommand !== null && options.allowBacklogCommands === true) return fromBacklog(task.runCommand, settings);
  if (executors.default) return fromSpec(executors.default, 'default', settings);
  const hint = task.runCommand !== null ? ' (its backlog command runs only with --allow-backlog-commands)' : '';
  return { kind: 'manual', reason: `no executor in taskledger.config.json matches it${hint}` };
};
