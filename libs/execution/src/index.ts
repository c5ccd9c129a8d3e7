export { initialState } from './task.state';
export type {
  TaskState,
  TaskStatus,
  TaskStateOf,
  RegisteredTaskState,
  TaskInfo,
  RunnerInfo,
  RunningExecution,
  FailedAttempt,
  RetryingExecution,
  CompletedExecution,
  FailedExecution,
  SkipInfo,
} from './task.state';
export type {
  TaskCommand,
  TaskCommandType,
  StartExecution,
  ReportProgress,
  RenewLease,
  FailAttempt,
  CompleteExecution,
  Skip,
  AbandonExpired,
  Interrupt,
  ResetExecution,
} from './task.commands';
export { evolve, foldTaskState } from './task.evolve';
export type { TaskEventInput } from './task.evolve';
export { decide } from './task.decider';
export { createDecisionContext, recoveryPlan } from './decision-context';
export type { DecisionContext, DecisionContextOptions } from './decision-context';
export { classify, matches, RuleMatch, ClassifierRule, ClassifierTable, NO_MATCH_RULE_ID } from './error-classifier';
export { defaultRules, defaultClassifier, CLASSIFIER_VERSION } from './classifier-rules';
export {
  rawErrorFacts,
  processFailureFacts,
  spawnFailureFacts,
  storeFailureFacts,
  manualFailureFacts,
  interruptedFacts,
  abandonedFacts,
  tail,
  TAIL_MAX_CHARS,
} from './error-facts';
export {
  defaultRetryPolicies,
  RetryPolicyOverride,
  RetryPoliciesConfig,
  resolvePolicies,
  backoffDelayMs,
  nextRetry,
  JITTER_MIN_FACTOR,
} from './retry-policy';
export type { RetryPolicies, RandomSource } from './retry-policy';
export { MAX_DURATION_MS, durationUpTo } from './duration-setting';
export { recoveryFor, runnerRecoveryActions, DEFAULT_MAX_TIMEOUT_MS } from './recovery';
export type {
  RecoveryAction,
  RecoveryOutcome,
  RecoveryDecision,
  RecoveryContext,
  RunnerRecoveryAction,
  RunnerRecoveryOutcomes,
} from './recovery';
export { gate } from './gate';
export type { GatedTask, GateResult } from './gate';
export type { JsonObject } from './json';
export {
  recordedFailures,
  rulesHash,
  reclassificationEventId,
  reclassifications,
  reclassifiedEvent,
  summariseReclassification,
  EXAMPLES_PER_TRANSITION,
} from './reclassification';
export type {
  RecordedFailure,
  Reclassification,
  ReclassificationExample,
  ReclassificationSummary,
  Transition,
} from './reclassification';
export { recordedExecutions } from './what-if.history';
export type { AttemptResult, RecordedAttempt, RecordedExecution } from './what-if.history';
export { replayExecution, recordedReplay } from './what-if';
export type { ExecutionReplay, ReplayOutcome } from './what-if';
export { whatIf } from './what-if.report';
export type { WhatIfChange, WhatIfReport, WhatIfTally } from './what-if.report';
export { firstInputIssue } from './input-issue';
export type { InputIssue } from './input-issue';
