import { TaskledgerError } from '@taskledger/errors';
import { chainSourceOf, EventStore, verifyLedger, VerifyReport } from '@taskledger/event-store';

export interface VerifyQuery {
  /** Verify this stream alone (its chain, and its heads in the checkpoints). Default: every stream. */
  stream?: string;
}

/**
 * Recomputes the ledger's hash chains and checkpoints (see verifyLedger). The same report for
 * `taskledger verify --format json` and `GET /verify`. TaskledgerError('NotFound') for a stream
 * with no events.
 */
export const ledgerVerification = async (eventStore: EventStore, query: VerifyQuery = {}): Promise<VerifyReport> => {
  if (query.stream !== undefined && (await eventStore.streamRevision(query.stream)) === 'no_stream') {
    throw new TaskledgerError(
      'NotFound',
      `no stream named "${query.stream}" in the ledger (stream names look like task-B-049, backlog-<id>, ledger-checkpoints)`,
      { stream: query.stream },
    );
  }
  return verifyLedger(chainSourceOf(eventStore), query);
};

const count = (value: number, one: string, many = `${one}s`) =>
  `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`;

/** The report as `taskledger verify` prints it. */
export const renderVerifyText = (report: VerifyReport): string => {
  const scope = report.stream === null ? 'ledger' : `stream ${report.stream}`;
  const lines = [
    `verified ${scope}: ${count(report.events, 'event')} in ${count(report.streams, 'stream')}`,
    `  chained:     ${report.chained.toLocaleString('en-US')}`,
    `  unchained:   ${report.unchained.toLocaleString('en-US')} (written before hash chaining; not verifiable)`,
    `  checkpoints: ${report.checkpoints.toLocaleString('en-US')}`,
  ];
  const broken = report.firstBrokenLink;
  if (broken === null) return `${[...lines, 'ok: every link holds'].join('\n')}\n`;
  const event = broken.eventId === null ? '' : `, event ${broken.eventId}`;
  return `${[
    ...lines,
    `BROKEN: ${count(report.brokenLinks, 'broken link')}; the first:`,
    `  ${broken.problem} in ${broken.stream} at revision ${broken.revision} (position ${broken.position}${event})`,
    `  expected: ${broken.expected}`,
    `  found:    ${broken.found}`,
  ].join('\n')}\n`;
};
