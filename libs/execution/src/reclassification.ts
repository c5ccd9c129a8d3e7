import { createHash } from 'node:crypto';
import type {
  ErrorCategory,
  ErrorClassification,
  ErrorSeverity,
  EventEnvelope,
  EventOfType,
  RawErrorFacts,
} from '@taskledger/events';
import { classify, ClassifierTable } from './error-classifier';

/** A recorded TaskAttemptFailed with the classification in force now (the latest re-classification's, if any). */
export interface RecordedFailure {
  failureEventId: string;
  taskId: string;
  executionId: string;
  attempt: number;
  failedAt: string;
  facts: RawErrorFacts;
  classification: ErrorClassification;
}

/** One failure whose classification the table changes. */
export interface Reclassification {
  failure: RecordedFailure;
  to: ErrorClassification;
}

/** Every failure of the log, in log order, with re-classifications applied. */
export const recordedFailures = (events: Iterable<EventEnvelope>): RecordedFailure[] => {
  const byId = new Map<string, RecordedFailure>();
  for (const event of events) {
    if (event.type === 'TaskAttemptFailed') {
      const { taskId, executionId, attempt, error, classification } = event.data;
      const failedAt = event.metadata.occurredAt;
      byId.set(event.id, {
        failureEventId: event.id,
        taskId,
        executionId,
        attempt,
        failedAt,
        facts: error,
        classification,
      });
    } else if (event.type === 'ErrorReclassified') {
      const failure = byId.get(event.data.failureEventId);
      if (failure) failure.classification = event.data.to;
    }
  }
  return [...byId.values()];
};

const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
        )
      : value;

/** SHA-256 (hex) of the table's JSON with keys sorted: the same rules give the same hash, however the file is laid out. */
export const rulesHash = (table: ClassifierTable): string =>
  createHash('sha256')
    .update(JSON.stringify(canonical(table)))
    .digest('hex');

/**
 * The id of the ErrorReclassified that one table's hash gives one failure: a UUID (version 8) made
 * of SHA-256(failure event id, rules hash), so the same re-classification always has the same id.
 */
export const reclassificationEventId = (failureEventId: string, hash: string): string => {
  const bytes = createHash('sha256').update(`${failureEventId}\n${hash}`).digest().subarray(0, 16);
  bytes[6] = 0x80 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const sameOutcome = (a: ErrorClassification, b: ErrorClassification): boolean =>
  a.category === b.category && a.severity === b.severity && a.ruleId === b.ruleId;

/** The failures the table classifies otherwise than now (category, severity or rule); the rest are left alone. */
export const reclassifications = (failures: readonly RecordedFailure[], table: ClassifierTable): Reclassification[] =>
  failures.flatMap((failure) => {
    const to = classify(failure.facts, table);
    return sameOutcome(failure.classification, to) ? [] : [{ failure, to }];
  });

/** The event that records one re-classification. */
export const reclassifiedEvent = (
  { failure, to }: Reclassification,
  hash: string,
): EventOfType<'ErrorReclassified'> => ({
  type: 'ErrorReclassified',
  data: {
    taskId: failure.taskId,
    executionId: failure.executionId,
    attempt: failure.attempt,
    failureEventId: failure.failureEventId,
    failedAt: failure.failedAt,
    errorType: failure.facts.type,
    errorMessage: failure.facts.message,
    from: failure.classification,
    to,
    rulesHash: hash,
  },
});

export interface Transition<T extends string> {
  from: T;
  to: T;
  count: number;
}

export interface ReclassificationExample {
  taskId: string;
  executionId: string;
  attempt: number;
  failureEventId: string;
  failedAt: string;
  /** The failure's message, cut to 200 characters. */
  message: string;
  from: { category: ErrorCategory; severity: ErrorSeverity; ruleId: string };
  to: { category: ErrorCategory; severity: ErrorSeverity; ruleId: string };
}

/** What a rule table changes in the recorded failures. */
export interface ReclassificationSummary {
  rules: { hash: string; version: number; count: number };
  /** Failures examined. */
  failures: number;
  /** Failures whose category, severity or rule changes. */
  changed: number;
  /** Changed failures by old and new category (most first), including rule-only and severity-only changes. */
  categories: Transition<ErrorCategory>[];
  /** Changed failures whose severity changes, by old and new severity. */
  severities: Transition<ErrorSeverity>[];
  /** Up to EXAMPLES_PER_TRANSITION failures per category transition, in log order. */
  examples: ReclassificationExample[];
}

export const EXAMPLES_PER_TRANSITION = 3;

const transitions = <T extends string>(pairs: readonly [T, T][]): Transition<T>[] => {
  const counts = new Map<string, Transition<T>>();
  for (const [from, to] of pairs) {
    const key = `${from}\n${to}`;
    const seen = counts.get(key);
    if (seen) seen.count += 1;
    else counts.set(key, { from, to, count: 1 });
  }
  const text = (t: Transition<T>) => `${t.from}\n${t.to}`;
  return [...counts.values()].sort((a, b) => b.count - a.count || (text(a) < text(b) ? -1 : 1));
};

const brief = ({ category, severity, ruleId }: ErrorClassification) => ({ category, severity, ruleId });

const examples = (changes: readonly Reclassification[]): ReclassificationExample[] => {
  const shown = new Map<string, number>();
  return changes.flatMap(({ failure, to }) => {
    const key = `${failure.classification.category}\n${to.category}`;
    const count = shown.get(key) ?? 0;
    if (count >= EXAMPLES_PER_TRANSITION) return [];
    shown.set(key, count + 1);
    const { taskId, executionId, attempt, failureEventId, failedAt } = failure;
    const message = failure.facts.message.slice(0, 200);
    return [
      {
        taskId,
        executionId,
        attempt,
        failureEventId,
        failedAt,
        message,
        from: brief(failure.classification),
        to: brief(to),
      },
    ];
  });
};

/** Counts and examples of what `changes` re-classify, out of `failures` examined. */
export const summariseReclassification = (
  failures: number,
  changes: readonly Reclassification[],
  table: ClassifierTable,
): ReclassificationSummary => ({
  rules: { hash: rulesHash(table), version: table.version, count: table.rules.length },
  failures,
  changed: changes.length,
  categories: transitions(changes.map(({ failure, to }) => [failure.classification.category, to.category])),
  severities: transitions(
    changes
      .filter(({ failure, to }) => failure.classification.severity !== to.severity)
      .map(({ failure, to }) => [failure.classification.severity, to.severity]),
  ),
  examples: examples(changes),
});
