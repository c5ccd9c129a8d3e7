import type { RawErrorFacts } from '@taskledger/events';
import { defaultClassifier } from './classifier-rules';
import { classify } from './error-classifier';
import type { ClassifierTable } from './error-classifier';
import { DEFAULT_MAX_TIMEOUT_MS, RunnerRecoveryAction, runnerRecoveryActions } from './recovery';
import { resolvePolicies, RetryPolicies, RetryPoliciesConfig, RandomSource } from './retry-policy';

/** Everything decide needs besides the command and the state. */
export interface DecisionContext {
  classifier: ClassifierTable;
  policies: RetryPolicies;
  /** Uniform in [0, 1); drawn once per jittered retry. */
  random: RandomSource;
  /** Cap of a timeout extended by recovery. */
  maxTimeoutMs: number;
}

export interface DecisionContextOptions {
  /** Required: the runner passes Math.random, tests a fixed source. */
  random: RandomSource;
  /** The config file's `retryPolicies` section. Default: the built-in policies (retry-policy.ts). */
  retryPolicies?: RetryPoliciesConfig;
  /** Default DEFAULT_MAX_TIMEOUT_MS (600 s). */
  maxTimeoutMs?: number;
  /** Default defaultClassifier (defaultRules at CLASSIFIER_VERSION). */
  classifier?: ClassifierTable;
}

export const createDecisionContext = (options: DecisionContextOptions): DecisionContext => ({
  classifier: options.classifier ?? defaultClassifier,
  policies: resolvePolicies(options.retryPolicies),
  random: options.random,
  maxTimeoutMs: options.maxTimeoutMs ?? DEFAULT_MAX_TIMEOUT_MS,
});

/** The I/O recoveries the runner should perform for these facts before it decides FailAttempt. */
export const recoveryPlan = (facts: RawErrorFacts, context: DecisionContext): RunnerRecoveryAction[] =>
  runnerRecoveryActions(classify(facts, context.classifier).category);
