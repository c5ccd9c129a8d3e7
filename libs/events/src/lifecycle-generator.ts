// Realistic task lifecycles in bulk, for benchmarks and large end-to-end tests.
import { randomUUID } from 'node:crypto';
import { currentSchemaVersion, LedgerEvent } from './catalogue';
import { ErrorCategory } from './common.schemas';
import { EventEnvelope } from './envelope';
import { newEventId } from './event-id';
import { sampleDefinition } from './sample-definition';
import { Random } from './seeded-random';

const CATEGORIES = [
  'network',
  'network',
  'execution',
  'execution',
  'timeout',
  'file_system',
  'database',
  'permission',
  'validation',
] as const satisfies readonly ErrorCategory[];
const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
const MINUTE = 60_000;

export interface TimedEvent {
  event: LedgerEvent;
  at: number;
}

/** One execution: attempts with progress and lease renewals, failures, retries, then completion or failure. */
const execution = (random: Random, taskId: string, start: number, out: TimedEvent[]): number => {
  const executionId = randomUUID();
  let at = start;
  for (let attempt = 1; ; attempt += 1) {
    const durationMs = Math.round(200 + random.next() ** 3 * 900_000);
    out.push({
      at,
      event: {
        type: 'TaskExecutionStarted',
        data: {
          taskId,
          executionId,
          attempt,
          leaseExpiresAt: new Date(at + 30_000).toISOString(),
          timeoutMs: 900_000,
          runner: { kind: 'shell', command: 'npm run task', host: 'bench', pid: 4242 },
        },
      },
    });
    for (let step = 1, steps = random.int(1, 4); step <= steps; step += 1) {
      out.push({
        at: at + (durationMs * step) / (steps + 1),
        event: {
          type: 'TaskProgressReported',
          data: { taskId, executionId, attempt, progress: step / (steps + 1), message: `step ${step} of ${steps}` },
        },
      });
    }
    out.push({
      at: at + durationMs / 2,
      event: {
        type: 'TaskLeaseRenewed',
        data: { taskId, executionId, attempt, leaseExpiresAt: new Date(at + durationMs / 2 + 30_000).toISOString() },
      },
    });
    at += durationMs;
    if (random.chance(0.75)) {
      out.push({
        at,
        event: { type: 'TaskExecutionCompleted', data: { taskId, executionId, attempt, durationMs, exitCode: 0 } },
      });
      return at;
    }
    const category = CATEGORIES[random.int(0, CATEGORIES.length - 1)] ?? CATEGORIES[0];
    const error = {
      type: 'process',
      message: `request ${random.int(1, 9999)} failed: ${category} error in /srv/app/job-${random.int(1, 50)}.js`,
      exitCode: 1,
      signal: null,
      timedOut: category === 'timeout',
      spawnErrorCode: null,
      stderrTail: 'Error: boom',
      stdoutTail: '',
      context: {},
    };
    out.push({
      at,
      event: {
        type: 'TaskAttemptFailed',
        data: {
          taskId,
          executionId,
          attempt,
          durationMs,
          error,
          classification: {
            category,
            severity: attempt > 2 ? 'high' : 'medium',
            ruleId: `${category}-text`,
            classifierVersion: 1,
          },
        },
      },
    });
    out.push({
      at,
      event: {
        type: 'RecoveryActionAttempted',
        data: {
          taskId,
          executionId,
          attempt,
          category,
          action: 'backoff',
          outcome: random.chance(0.7) ? 'succeeded' : 'failed',
          details: {},
        },
      },
    });
    if (attempt >= 3) {
      out.push({
        at,
        event: {
          type: 'TaskExecutionFailed',
          data: { taskId, executionId, attempt, reason: 'retries-exhausted', category, message: error.message },
        },
      });
      return at;
    }
    const delayMs = 2000 * 2 ** (attempt - 1);
    const policy = { category, maxRetries: 3, baseDelayMs: 2000, multiplier: 2, maxDelayMs: 60_000, jitter: false };
    out.push({
      at,
      event: {
        type: 'TaskRetryScheduled',
        data: {
          taskId,
          executionId,
          failedAttempt: attempt,
          nextAttempt: attempt + 1,
          delayMs,
          notBefore: new Date(at + delayMs).toISOString(),
          policy,
          reason: `${category} failure`,
        },
      },
    });
    at += delayMs;
  }
};

/** A task's whole history: registration, then executions until `budget` events are written. */
export const taskHistory = (random: Random, index: number, budget: number, start: number): TimedEvent[] => {
  const taskId = `B-${index + 1}`;
  const definition = sampleDefinition({
    title: `Task ${index + 1}`,
    priority: PRIORITIES[index % 4] ?? PRIORITIES[0],
    points: random.int(1, 8),
    scoreTotal: random.int(10, 90) / 10,
  });
  const out: TimedEvent[] = [
    { at: start, event: { type: 'TaskRegistered', data: { taskId, backlogId: 'bench.md', definition } } },
  ];
  let at = start;
  while (out.length < budget) at = execution(random, taskId, at + random.int(1, 600) * MINUTE, out) + MINUTE;
  return out.slice(0, budget);
};

export const toEnvelope = ({ event, at }: TimedEvent, correlationId: string): EventEnvelope =>
  ({
    ...event,
    id: newEventId(),
    metadata: {
      occurredAt: new Date(at).toISOString(),
      correlationId,
      causationId: null,
      actor: 'bench:fixture',
      schemaVersion: currentSchemaVersion(event.type),
    },
  }) as EventEnvelope;
