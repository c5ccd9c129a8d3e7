import type { TaskledgerConfig } from '@taskledger/config';
import type { ErrorCategory, RetryPolicy } from '@taskledger/events';
import { defaultRetryPolicies, resolvePolicies } from '@taskledger/execution';
import { ExecutorSpec, quoteWord, RunnerConfig } from '@taskledger/runner';

/** Everything `info` shows: the stores, and the configuration `run` and `execute` would use. */
export interface InfoView {
  configFile: string | null;
  eventStore: string;
  readStore: string;
  headPosition: string | null;
  backlog: string;
  run: Omit<RunnerConfig['settings'], 'cwd'>;
  executors: RunnerConfig['executors'];
  retryPolicies: Record<string, Omit<RetryPolicy, 'category'>>;
}

export const infoView = (
  config: TaskledgerConfig,
  runner: RunnerConfig,
  stores: { eventStore: string; readStore: string; headPosition: string | null },
): InfoView => {
  const { concurrency, leaseMs, timeoutMs, maxTimeoutMs, killGraceMs, manualLeaseMs, scratchDir } = runner.settings;
  const resolved = resolvePolicies(runner.retryPolicies);
  const policies = (Object.keys(defaultRetryPolicies) as ErrorCategory[]).map((category) => {
    const { category: _, ...policy } = resolved[category];
    return [category, policy];
  });
  return {
    configFile: config.configFile,
    ...stores,
    backlog: config.backlogPath,
    run: { concurrency, leaseMs, timeoutMs, maxTimeoutMs, killGraceMs, manualLeaseMs, scratchDir },
    executors: runner.executors,
    retryPolicies: Object.fromEntries(policies),
  };
};

const commandText = (spec: ExecutorSpec): string => {
  if (spec.manual === true || spec.command === undefined) return 'manual: reported with taskledger report';
  return Array.isArray(spec.command) ? spec.command.map(quoteWord).join(' ') : spec.command;
};

const executorLine = (label: string, spec: ExecutorSpec): string => {
  const extras = [
    spec.shell === true ? 'shell' : null,
    spec.cwd === undefined ? null : `cwd ${spec.cwd}`,
    spec.timeoutMs === undefined ? null : `timeoutMs ${spec.timeoutMs ?? 'none'}`,
    spec.killGraceMs === undefined ? null : `killGraceMs ${spec.killGraceMs}`,
    spec.env === undefined ? null : `env ${Object.keys(spec.env).join(', ')}`,
  ].filter((extra) => extra !== null);
  return `  ${label.padEnd(22)} ${commandText(spec)}${extras.length > 0 ? `  ${extras.join('; ')}` : ''}`;
};

const executorLines = ({ byTask = {}, byTechFootprint = [], default: fallback }: RunnerConfig['executors']) => [
  'Executors (the first match wins):',
  ...Object.entries(byTask).map(([taskId, spec]) => executorLine(`byTask ${taskId}`, spec)),
  ...byTechFootprint.map((spec) => executorLine(`byTechFootprint ${spec.pattern}`, spec)),
  fallback
    ? executorLine('default', fallback)
    : `  ${'default'.padEnd(22)} none: unmatched tasks wait for taskledger report`,
];

const policyLines = (policies: InfoView['retryPolicies']) => [
  'Retry policies:',
  `  ${'CATEGORY'.padEnd(12)} ${'RETRIES'.padStart(7)} ${'BASE MS'.padStart(10)} ${'MULTIPLIER'.padStart(10)} ${'MAX MS'.padStart(10)}  JITTER`,
  ...Object.entries(policies).map(
    ([category, p]) =>
      `  ${category.padEnd(12)} ${String(p.maxRetries).padStart(7)} ${String(p.baseDelayMs).padStart(10)} ` +
      `${String(p.multiplier).padStart(10)} ${String(p.maxDelayMs).padStart(10)}  ${p.jitter ? 'yes' : 'no'}`,
  ),
];

/** `info` as text: the stores first, then the settings, executors and retry policies. */
export const infoLines = (info: InfoView): string[] => [
  `Config file:    ${info.configFile ?? '(none; defaults and environment)'}`,
  `Event store:    ${info.eventStore}`,
  `Read store:     ${info.readStore}`,
  `Head position:  ${info.headPosition ?? '(no events yet)'}`,
  `Backlog:        ${info.backlog}`,
  '',
  'Run settings:',
  ...Object.entries(info.run).map(([setting, value]) => `  ${setting.padEnd(15)} ${value ?? 'none'}`),
  '',
  ...executorLines(info.executors),
  '',
  ...policyLines(info.retryPolicies),
];
