import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@taskledger/event-store';
import { ProjectionRuntime } from '@taskledger/projection-runtime';
import { readModels } from '@taskledger/projections';
import { SqliteReadStore } from '@taskledger/read-store';
import { writeLedger } from '../test/ledger-file';
import { startProjectorProcess } from '../test/projector-process';

const TASKS = 2_000;
const PER_TASK = 100;

const allDocuments = async (path: string): Promise<Record<string, string>> => {
  const store = new SqliteReadStore(path);
  try {
    const entries = await Promise.all(
      readModels.map(
        async (projection) => [projection.name, JSON.stringify((await store.find(projection.name)).items)] as const,
      ),
    );
    return Object.fromEntries(entries);
  } finally {
    await store.close();
  }
};

const caughtUp = async (path: string): Promise<boolean> => {
  const events = new SqliteEventStore(path);
  const reads = new SqliteReadStore(path);
  try {
    const head = String((await events.headPosition())!.commit);
    const checkpoints = await Promise.all(readModels.map((projection) => reads.getCheckpoint(projection.name)));
    return checkpoints.every((checkpoint) => checkpoint?.position === head);
  } finally {
    await reads.close();
    await events.close();
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the projector process under SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-projector-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`killed at 5 random moments over ${TASKS * PER_TASK} events, ends with exactly a clean rebuild's documents`, async () => {
    const killed = join(dir, 'killed.db');
    await writeLedger(killed, TASKS, PER_TASK);
    const clean = join(dir, 'clean.db');
    copyFileSync(killed, clean);

    const moments = Array.from({ length: 5 }, () => 300 + Math.floor(Math.random() * 1500));
    process.stdout.write(`SIGKILL after ${moments.join(', ')} ms of each run\n`);
    for (const moment of moments) {
      const run = startProjectorProcess(killed);
      await run.port;
      await sleep(moment);
      run.child.kill('SIGKILL');
      expect((await run.exited).signal).toBe('SIGKILL');
    }

    const last = startProjectorProcess(killed);
    const port = await last.port;
    while (!(await caughtUp(killed))) await sleep(200);
    const health = await (await fetch(`http://127.0.0.1:${port}/health`)).json();
    const lag = (await (await fetch(`http://127.0.0.1:${port}/lag`)).json()) as {
      projections: Array<{ name: string; lag: number; state: string }>;
    };
    expect(health).toMatchObject({ status: 'ok' });
    expect(lag.projections.map((status) => [status.name, status.lag, status.state])).toEqual(
      readModels.map((projection) => [projection.name, 0, 'live']),
    );
    last.child.kill('SIGTERM');
    expect(await last.exited).toEqual({ code: 0, signal: null });

    const eventStore = new SqliteEventStore(clean);
    const readStore = new SqliteReadStore(clean);
    await new ProjectionRuntime({ eventStore, readStore, projections: readModels, batchSize: 5000 }).catchUp();
    await readStore.close();
    await eventStore.close();
    const [afterKills, rebuilt] = await Promise.all([allDocuments(killed), allDocuments(clean)]);
    for (const projection of readModels) expect(afterKills[projection.name]).toBe(rebuilt[projection.name]);
  }, 600_000);
});
