import { z } from 'zod';
import type { ErrorCategory, RetryPolicy } from '@taskledger/events';
import { durationUpTo } from './duration-setting';

/** One policy per error category. */
export type RetryPolicies = Readonly<Record<ErrorCategory, RetryPolicy>>;

/** A source of uniform numbers in [0, 1), injected so retries are reproducible in tests. */
export type RandomSource = () => number;

/**
 * Jitter keeps a delay within [JITTER_MIN_FACTOR × delay, delay]: it spreads retries of many
 * runners apart but never waits longer than the un-jittered delay, so `maxDelayMs` always holds.
 */
export const JITTER_MIN_FACTOR = 0.5;

const policy = (
  category: ErrorCategory,
  maxRetries: number,
  baseDelayMs: number,
  multiplier: number,
  maxDelayMs: number,
  jitter: boolean,
): RetryPolicy => ({ category, maxRetries, baseDelayMs, multiplier, maxDelayMs, jitter });

/**
 * The built-in defaults; `unknown` behaves like `execution`. A permission failure is not retried:
 * its recovery is "needs a person" (retrying only repeats the same refusal). Set
 * `retryPolicies.permission.maxRetries` to retry it anyway.
 */
export const defaultRetryPolicies: RetryPolicies = {
  network: policy('network', 5, 2_000, 2, 60_000, true),
  file_system: policy('file_system', 3, 1_000, 1.5, 30_000, false),
  database: policy('database', 3, 5_000, 2, 120_000, true),
  permission: policy('permission', 0, 1_000, 1, 10_000, false),
  timeout: policy('timeout', 2, 5_000, 2, 60_000, true),
  validation: policy('validation', 1, 0, 1, 0, false),
  execution: policy('execution', 3, 2_000, 1.5, 30_000, true),
  unknown: policy('unknown', 3, 2_000, 1.5, 30_000, true),
};

/** Overrides of one category's policy; every field is optional and falls back to the default. */
export const RetryPolicyOverride = z.strictObject({
  /** Retries after the first failed attempt (0 = never retry). */
  maxRetries: z.number().int().nonnegative().optional(),
  /** Delay before the first retry, in ms. */
  baseDelayMs: durationUpTo(z.number().nonnegative(), 'from 0 to').optional(),
  /** Growth factor per retry (1 = constant delay). */
  multiplier: z.number().min(1).optional(),
  /** Upper bound of any delay, in ms. */
  maxDelayMs: durationUpTo(z.number().nonnegative(), 'from 0 to').optional(),
  /** Spread delays randomly within [JITTER_MIN_FACTOR × delay, delay]. */
  jitter: z.boolean().optional(),
});
export type RetryPolicyOverride = z.infer<typeof RetryPolicyOverride>;

/**
 * The `retryPolicies` section of taskledger.config.json: partial overrides per category (ms).
 * `unknown` follows the resolved `execution` policy unless it is overridden itself.
 */
export const RetryPoliciesConfig = z.strictObject({
  network: RetryPolicyOverride.optional(),
  file_system: RetryPolicyOverride.optional(),
  database: RetryPolicyOverride.optional(),
  permission: RetryPolicyOverride.optional(),
  timeout: RetryPolicyOverride.optional(),
  validation: RetryPolicyOverride.optional(),
  execution: RetryPolicyOverride.optional(),
  unknown: RetryPolicyOverride.optional(),
});
export type RetryPoliciesConfig = z.infer<typeof RetryPoliciesConfig>;

const defined = (override: RetryPolicyOverride | undefined): RetryPolicyOverride =>
  Object.fromEntries(Object.entries(override ?? {}).filter(([, value]) => value !== undefined));

const merge = (base: RetryPolicy, category: ErrorCategory, override: RetryPolicyOverride | undefined): RetryPolicy => ({
  ...base,
  ...defined(override),
  category,
});

/** The defaults with the config's overrides applied (validate the section with RetryPoliciesConfig first). */
export const resolvePolicies = (overrides: RetryPoliciesConfig = {}): RetryPolicies => {
  const execution = merge(defaultRetryPolicies.execution, 'execution', overrides.execution);
  const merged = { execution, unknown: merge(execution, 'unknown', overrides.unknown) } as Record<
    ErrorCategory,
    RetryPolicy
  >;
  for (const category of Object.keys(defaultRetryPolicies) as ErrorCategory[]) {
    merged[category] ??= merge(defaultRetryPolicies[category], category, overrides[category]);
  }
  return merged;
};

const unit = (value: number): number => (Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0);

/** The un-jittered delay before retry number `retriesUsed + 1`, capped at maxDelayMs. */
export const backoffDelayMs = (policy: RetryPolicy, retriesUsed: number): number =>
  policy.baseDelayMs === 0 ? 0 : Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.multiplier ** retriesUsed);

/**
 * The next retry after `retriesUsed` retries of this execution, or null when the policy allows
 * no more. Draws one number from `random` only when the policy jitters. Delays are whole ms.
 */
export const nextRetry = (
  policy: RetryPolicy,
  retriesUsed: number,
  random: RandomSource,
): { delayMs: number } | null => {
  if (retriesUsed >= policy.maxRetries) return null;
  const delay = backoffDelayMs(policy, retriesUsed);
  const factor = policy.jitter ? JITTER_MIN_FACTOR + (1 - JITTER_MIN_FACTOR) * unit(random()) : 1;
  return { delayMs: Math.floor(delay * factor) };
};
