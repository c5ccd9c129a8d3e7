import { ErrorCategory, ErrorSeverity, RawErrorFacts } from '@taskledger/events';
import { errorFacts } from '@taskledger/events/testing';

/** A realistic failure for generated histories: raw facts plus the classification decided. */
export interface GeneratedFailure {
  error: RawErrorFacts;
  category: ErrorCategory;
  severity: ErrorSeverity;
  ruleId: string;
}

type Template = (n: number) => GeneratedFailure;

const failure = (
  category: ErrorCategory,
  severity: ErrorSeverity,
  error: Partial<RawErrorFacts>,
): GeneratedFailure => ({
  error: errorFacts({ exitCode: null, ...error }),
  category,
  severity,
  ruleId: `${category}-rule`,
});

const hex = (n: number): string => (n * 2654435761).toString(16).padStart(8, '0').slice(0, 8);

/** Messages with the variable parts fingerprints must fold: numbers, paths, UUIDs, hex. */
const templates: readonly Template[] = [
  (n) => failure('network', 'medium', { type: 'spawn', message: `connect ECONNREFUSED 127.0.0.1:${5000 + (n % 7)}` }),
  (n) =>
    failure('file_system', 'high', {
      type: 'exit',
      exitCode: 2,
      message: `ENOENT: no such file or directory, open '/tmp/build-${n}/out.json'`,
    }),
  (n) =>
    failure('database', 'high', {
      type: 'exit',
      exitCode: 5,
      message: `SQLITE_BUSY: database is locked (attempt ${n % 4})`,
    }),
  (n) =>
    failure('permission', 'critical', {
      type: 'exit',
      exitCode: 126,
      message: `EACCES: permission denied, mkdir '/var/lib/app${n}'`,
    }),
  (n) =>
    failure('timeout', 'medium', {
      type: 'timeout',
      timedOut: true,
      message: `timed out after ${1000 * (1 + (n % 5))} ms`,
    }),
  (n) =>
    failure('validation', 'low', {
      type: 'exit',
      exitCode: 3,
      message: `invalid task 0000000${n % 9}-0000-4000-8000-000000000001: points must be >= 0`,
    }),
  (n) =>
    failure('execution', 'medium', {
      type: 'exit',
      exitCode: 1 + (n % 3),
      message: `process exited with code ${1 + (n % 3)}`,
    }),
  (n) =>
    failure('execution', 'high', {
      type: 'signal',
      signal: 'SIGKILL',
      message: `killed by SIGKILL (commit ${hex(n)}a1)`,
    }),
  (n) =>
    failure('unknown', 'low', {
      type: 'exit',
      exitCode: 99,
      message: n % 5 === 0 ? '' : `Unexpected token } in JSON at position ${n}`,
    }),
];

export const generatedFailure = (pick: number): GeneratedFailure => templates[pick % templates.length]!(pick);

/** The failure the runner records for an attempt whose lease expired. */
export const abandonedFailure = (attempt: number): GeneratedFailure => ({
  error: errorFacts({ type: 'abandoned', exitCode: null, message: `lease of attempt ${attempt} expired` }),
  category: 'execution',
  severity: 'medium',
  ruleId: 'abandoned',
});

/** The failure recorded when `run` is interrupted (Ctrl-C / SIGTERM). */
export const interruptedFailure = (): GeneratedFailure => ({
  error: errorFacts({ type: 'interrupted', exitCode: null, signal: 'SIGINT', message: 'interrupted' }),
  category: 'execution',
  severity: 'low',
  ruleId: 'interrupted',
});
