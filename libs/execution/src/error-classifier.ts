import { z } from 'zod';
import { ErrorCategory, ErrorSeverity } from '@taskledger/events';
import type { ErrorClassification, RawErrorFacts } from '@taskledger/events';
import { defaultClassifier } from './classifier-rules';

const compiles = (source: string): boolean => {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
};

/**
 * What a rule looks at. Every criterion given must hold (AND); a list matches any of its
 * values (OR); an empty match matches every failure.
 */
export const RuleMatch = z.strictObject({
  /** `facts.type`: 'interrupted', 'abandoned', 'spawn', 'store', 'process', 'manual', ... */
  errorTypes: z.array(z.string()).min(1).optional(),
  timedOut: z.boolean().optional(),
  exitCodes: z.array(z.number().int()).min(1).optional(),
  /** The process exited with a code other than 0. */
  nonZeroExit: z.boolean().optional(),
  signals: z.array(z.string()).min(1).optional(),
  /** `facts.spawnErrorCode`: ENOENT, EACCES, ... */
  spawnErrorCodes: z.array(z.string()).min(1).optional(),
  /** `facts.context.code`: codes of our own errors, e.g. SQLITE_BUSY from the store. */
  errorCodes: z.array(z.string()).min(1).optional(),
  /** A regular expression source, matched case-insensitively against the message and the stderr tail. */
  text: z.string().min(1).refine(compiles, 'must be a valid regular expression').optional(),
});
export type RuleMatch = z.infer<typeof RuleMatch>;

export const ClassifierRule = z.strictObject({
  id: z.string().min(1),
  /** Why the rule exists, for people reading the table. */
  description: z.string(),
  match: RuleMatch,
  category: ErrorCategory,
  severity: ErrorSeverity,
});
export type ClassifierRule = z.infer<typeof ClassifierRule>;

/** An ordered rule table: the first matching rule wins. Bump `version` whenever a rule changes. */
export const ClassifierTable = z
  .strictObject({ version: z.number().int().positive(), rules: z.array(ClassifierRule) })
  .refine(
    (table) => new Set(table.rules.map((rule) => rule.id)).size === table.rules.length,
    'rule ids must be unique',
  );
export type ClassifierTable = z.infer<typeof ClassifierTable>;

/** The rule id reported when no rule of the table matches (a table without a catch-all rule). */
export const NO_MATCH_RULE_ID = 'no-match';

const patterns = new Map<string, RegExp>();
const pattern = (source: string): RegExp => {
  let compiled = patterns.get(source);
  if (!compiled) {
    compiled = new RegExp(source, 'i');
    patterns.set(source, compiled);
  }
  return compiled;
};

const oneOf = <T>(values: readonly T[] | undefined, value: T | null): boolean =>
  values === undefined || (value !== null && values.includes(value));

const contextCode = (facts: RawErrorFacts): string | null => {
  const code = facts.context['code'];
  return typeof code === 'string' ? code : null;
};

const nonZero = (facts: RawErrorFacts): boolean => facts.exitCode !== null && facts.exitCode !== 0;

/** Whether every criterion of `match` holds for the facts. */
export const matches = (match: RuleMatch, facts: RawErrorFacts): boolean =>
  oneOf(match.errorTypes, facts.type) &&
  (match.timedOut === undefined || match.timedOut === facts.timedOut) &&
  oneOf(match.exitCodes, facts.exitCode) &&
  (match.nonZeroExit === undefined || match.nonZeroExit === nonZero(facts)) &&
  oneOf(match.signals, facts.signal) &&
  oneOf(match.spawnErrorCodes, facts.spawnErrorCode) &&
  oneOf(match.errorCodes, contextCode(facts)) &&
  (match.text === undefined || pattern(match.text).test(`${facts.message}\n${facts.stderrTail}`));

/** Classifies raw failure facts with the first matching rule of the table. Pure; never throws. */
export const classify = (facts: RawErrorFacts, table: ClassifierTable = defaultClassifier): ErrorClassification => {
  const rule = table.rules.find((candidate) => matches(candidate.match, facts));
  return rule
    ? { category: rule.category, severity: rule.severity, ruleId: rule.id, classifierVersion: table.version }
    : { category: 'unknown', severity: 'medium', ruleId: NO_MATCH_RULE_ID, classifierVersion: table.version };
};
