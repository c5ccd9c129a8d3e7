import { shortTime } from './format';
import { HistoryEvent, TaskHistory } from './history.query';

type Facts = Record<string, unknown>;

const pick = (data: Facts, keys: readonly string[]): string[] =>
  keys.flatMap((key) => (data[key] === undefined || data[key] === null ? [] : [`${key}=${String(data[key])}`]));

/** The facts a reader of the audit trail looks for first, per event type; a message comes last (it may hold spaces). */
export const keyFacts = (event: Pick<HistoryEvent, 'type' | 'data'>): string => {
  const data = (event.data ?? {}) as Facts;
  const error = (data['error'] ?? {}) as Facts;
  const classification = (data['classification'] ?? {}) as Facts;
  switch (event.type) {
    case 'TaskExecutionStarted':
      return pick(data, ['attempt', 'timeoutMs']).join(' ');
    case 'TaskProgressReported':
      return pick(data, ['attempt', 'progress', 'message']).join(' ');
    case 'TaskAttemptFailed':
      return [
        ...pick(data, ['attempt', 'durationMs']),
        ...pick(classification, ['category', 'severity']),
        ...pick(error, ['exitCode', 'signal', 'type']),
        ...pick({ rule: classification['ruleId'] }, ['rule']),
        ...pick(error, ['message']),
      ].join(' ');
    case 'TaskRetryScheduled':
      return pick(data, ['nextAttempt', 'delayMs', 'reason']).join(' ');
    case 'TaskExecutionCompleted':
      return pick(data, ['attempt', 'durationMs', 'exitCode']).join(' ');
    case 'TaskExecutionFailed':
      return pick(data, ['attempt', 'reason', 'category', 'message']).join(' ');
    case 'TaskSkipped':
      return pick(data, ['reason']).join(' ');
    case 'RecoveryActionAttempted':
      return pick(data, ['attempt', 'category', 'action', 'outcome']).join(' ');
    case 'ExecutionStateReset':
      return pick(data, ['previousStatus', 'reason']).join(' ');
    case 'TaskExecutionAbandoned':
      return pick(data, ['attempt', 'detectedBy']).join(' ');
    case 'ErrorReclassified': {
      const [from, to] = [data['from'], data['to']].map((c) => (c ?? {}) as Facts);
      return [
        ...pick(data, ['attempt']),
        `from=${String(from?.['category'])}/${String(from?.['severity'])}`,
        `to=${String(to?.['category'])}/${String(to?.['severity'])}`,
        ...pick({ rule: to?.['ruleId'] }, ['rule']),
      ].join(' ');
    }
    case 'TaskDefinitionChanged':
      return `changed=${((data['changes'] ?? []) as Facts[]).map((change) => change['field']).join(',')}`;
    default:
      return '';
  }
};

/** One line per event: time, type, actor, correlation id, key facts. */
export const renderHistoryText = (history: TaskHistory): string => {
  const lines = history.events.map((event) =>
    [
      shortTime(event.occurredAt),
      event.type.padEnd(24),
      `actor=${event.metadata.actor}`,
      `correlation=${event.metadata.correlationId}`,
      keyFacts(event),
    ]
      .filter((part) => part !== '')
      .join('  '),
  );
  return `History of ${history.task} (${history.events.length} events):\n${lines.join('\n')}\n`;
};
