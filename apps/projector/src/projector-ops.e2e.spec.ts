import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModels } from '@taskledger/projections';
import { writeLedger } from '../test/ledger-file';
import { startProjectorProcess } from '../test/projector-process';

const TASKS = 20;
const PER_TASK = 10;

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { level: number; msg: string; service: string; [key: string]: unknown });

const sampleOf = (text: string, name: string, projection: string): number => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{projection="${projection}"}`));
  return Number(line?.split(' ')[1]);
};

describe('the projector process: JSON logs and GET /metrics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-projector-ops-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('logs JSON lines with the configuration in effect, serves the metrics of the events it applied, and logs its stop', async () => {
    const ledger = join(dir, 'ledger.db');
    await writeLedger(ledger, TASKS, PER_TASK);
    const run = startProjectorProcess(ledger);
    const port = await run.port;

    let metrics = '';
    for (let tries = 0; tries < 100; tries += 1) {
      metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      if (
        readModels.every((projection) => sampleOf(metrics, 'taskledger_projection_lag_events', projection.name) === 0)
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [first] = readModels;
    expect(sampleOf(metrics, 'taskledger_projection_checkpoint_position', first?.name ?? '')).toBe(TASKS * PER_TASK);
    expect(metrics).toContain('process_resident_memory_bytes');

    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    const lines = jsonLines(run.stderr());
    expect(lines.every((line) => line.service === 'projector' && line.level >= 30)).toBe(true);
    expect(lines[0]).toMatchObject({
      level: 30,
      config: { eventStore: `sqlite:${ledger}`, onPoison: 'dead-letter', logLevel: 'info' },
    });
    expect(lines.at(-1)).toMatchObject({ msg: expect.stringMatching(/^stopped after \d+ events$/) });
  }, 60_000);
});
