import { chainSourceOf, SqliteEventStore, verifyLedger } from '@taskledger/event-store';
import { Benchmark, ratioOf, round } from './bench-result';
import { copyEventsFixture, REBUILD_LEDGER } from './ledger-fixture';
import { rawFloor } from './rebuild.bench';
import { scratchDir } from './scratch';

export const verifySqlite: Benchmark = {
  name: 'verify',
  description: `verify the hash chains and checkpoints of ${REBUILD_LEDGER.events.toLocaleString('en-US')} events in SQLite vs a raw read+parse floor (target: ratio >= 0.5)`,
  async run() {
    const dir = scratchDir();
    try {
      const path = await copyEventsFixture(dir.file('ledger.db'));
      const floor = rawFloor(path).eventsPerSecond;
      const store = new SqliteEventStore(path);
      const started = performance.now();
      const report = await verifyLedger(chainSourceOf(store));
      const value = report.events / ((performance.now() - started) / 1000);
      await store.close();
      if (!report.ok) throw new Error(`the fixture does not verify: ${JSON.stringify(report.firstBrokenLink)}`);
      return {
        metric: 'eventsPerSecond',
        value: round(value, 0),
        baseline: round(floor, 0),
        ratio: ratioOf(value, floor),
        params: {
          events: report.events,
          streams: report.streams,
          chained: report.chained,
          unchained: report.unchained,
          checkpoints: report.checkpoints,
        },
      };
    } finally {
      dir.remove();
    }
  },
};
