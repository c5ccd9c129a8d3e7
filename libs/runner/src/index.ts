export {
  loadRunnerConfig,
  runnerDecisionContext,
  ExecutorsConfig,
  ExecutorSpec,
  FootprintExecutorSpec,
  RunSettingsConfig,
} from './runner-config';
export type { RunnerConfig, RunnerConfigInput, RunSettings } from './runner-config';
export { resolveCommand } from './command-resolution';
export type {
  CommandLine,
  CommandSource,
  CommandTask,
  ResolvedCommand,
  Resolution,
  ResolveOptions,
} from './command-resolution';
export { quoteWord, splitArgv } from './argv-split';
export { shellExecutor } from './shell-executor';
export type { ShellExecutorOptions } from './shell-executor';
export { succeeded } from './executor.port';
export type { AttemptRequest, AttemptResult, Executor } from './executor.port';
export { OUTPUT_TAIL_BYTES } from './output-tail';
export { parseProgressLine } from './progress-lines';
export { runnerName } from './runner-deps';
export type {
  RecoveryReport,
  RunnerDeps,
  RunnerIo,
  RunnerIdentity,
  RunObserver,
  Sleep,
  TaskEnvelope,
} from './runner-deps';
export { clearScratchDir, fileSystemIo, scratchDirOf } from './recovery-io';
export { systemSleep } from './system-sleep';
export { ReopenableEventStore } from './reopenable-event-store';
export { TaskStreamHandle } from './task-stream';
export { runTaskJob } from './task-job';
export type { JobMode, JobOutcome, TaskJob } from './task-job';
export { abandonExpiredLeases } from './lease-expiry';
export { readModelCatalogue } from './task-catalogue';
export type { TaskCatalogue } from './task-catalogue';
export { runTasks } from './run-loop';
export type { RunDeps, RunOptions } from './run-options';
export { runFailed } from './run-outcome';
export type { RunReport, TaskRunOutcome, TaskRunRecord } from './run-outcome';
export type { RunCounts } from './run-tally';
export { executeTask } from './execute-task';
export type { ExecuteOptions, ExecuteReport } from './execute-task';
export { reportOutside } from './outside-report';
export type { OutsideReport, ReportDeps, ReportResult } from './outside-report';
