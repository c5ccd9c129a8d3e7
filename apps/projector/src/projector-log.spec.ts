import pino from 'pino';
import { Writable } from 'node:stream';
import { loggingObserver, progressLogger } from './projector-log';

const capture = () => {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
};

describe('projector logs', () => {
  it('logs a dead letter at warn with the projection, the event and the reason', () => {
    const { log, lines } = capture();
    loggingObserver(log).deadLettered?.('execution', 'e-1', 'cannot apply');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'dead letter',
        projection: 'execution',
        eventId: 'e-1',
        reason: 'cannot apply',
      }),
    ]);
  });

  it('logs each rebuild started and finished at info', () => {
    const { log, lines } = capture();
    const observer = loggingObserver(log);
    observer.rebuildStarted?.('metrics');
    observer.rebuildFinished?.('metrics');
    expect(lines.map((line) => [line['level'], line['projection'], line['msg']])).toEqual([
      [30, 'metrics', 'rebuild started'],
      [30, 'metrics', 'rebuild finished, swapped in'],
    ]);
  });

  it('logs catch-up progress at most once per interval', () => {
    const { log, lines } = capture();
    let clock = 0;
    const progress = progressLogger(log, 10_000, () => clock);
    for (clock = 1_000; clock <= 25_000; clock += 1_000)
      progress({ processed: clock, total: 50_000, eventsPerSecond: 1000 });
    expect(lines.map((line) => line['processed'])).toEqual([10_000, 20_000]);
  });
});
