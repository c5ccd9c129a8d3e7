import { copyFileSync, cpSync, existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli } from '../test/execution-cli';
import { runCli, workDir } from '../test/run-cli';

jest.setTimeout(60_000);

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const LEDGER = '.taskledger/ledger.db';

interface Row {
  position: number;
  stream: string;
  revision: number;
  id: string;
  data: string;
}

describe('taskledger verify', () => {
  const dir = workDir('verify');
  afterAll(() => dir.remove());
  let rows: Row[];

  /** A copy of the ledger the README's main job wrote, in a directory of its own, edited by `tamper`. */
  const copyLedger = (tamper: (db: Database.Database) => void = () => undefined): string => {
    const copy = mkdtempSync(join(dir.path, 'copy-'));
    cpSync(join(dir.path, '.taskledger'), join(copy, '.taskledger'), { recursive: true });
    const db = new Database(join(copy, LEDGER));
    try {
      tamper(db);
    } finally {
      db.close();
    }
    return copy;
  };
  const verify = (cwd: string, ...args: string[]) => runCli(['verify', ...args], { cwd });
  const rowOf = (stream: string, revision: number) =>
    rows.find((row) => row.stream === stream && row.revision === revision)!;

  beforeAll(async () => {
    cpSync(EXAMPLES, join(dir.path, 'examples'), { recursive: true });
    await cli(['run', '--backlog', 'examples/backlog.md', '--config', 'examples/taskledger.config.json'], {
      cwd: dir.path,
    });
    expect(existsSync(join(dir.path, `${LEDGER}-wal`)) ? 'wal left behind' : 'closed').toBe('closed');
    const db = new Database(join(dir.path, LEDGER), { readonly: true });
    rows = db.prepare('SELECT position, stream, revision, id, data FROM events ORDER BY position').all() as Row[];
    db.close();
  });

  it('finds every link intact in a fresh ledger made by the main job', async () => {
    const { code, stdout } = await verify(dir.path);
    const streams = new Set(rows.map((row) => row.stream)).size;
    expect(code).toBe(0);
    expect(stdout).toContain(`verified ledger: ${rows.length} events in ${streams} streams\n`);
    expect(stdout).toContain(`  chained:     ${rows.length}\n  unchained:   0 `);
    expect(stdout).toContain('ok: every link holds\n');
  });

  it('prints the report as JSON with --format json', async () => {
    const { code, stdout } = await verify(dir.path, '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, events: rows.length, brokenLinks: 0, firstBrokenLink: null });
  });

  it('exits 1 and names the event when one byte of its data was edited in the SQLite file', async () => {
    const target = rows.find((row) => row.stream === 'task-EX-3' && /"attempt":1/.test(row.data))!;
    const cwd = copyLedger((db) =>
      db
        .prepare('UPDATE events SET data = ? WHERE position = ?')
        .run(target.data.replace('"attempt":1', '"attempt":2'), target.position),
    );
    const { code, stdout } = await verify(cwd);
    expect(code).toBe(1);
    expect(stdout).toContain('BROKEN: 1 broken link; the first:\n');
    expect(stdout).toContain(
      `  hash-mismatch in task-EX-3 at revision ${target.revision} (position ${target.position}, event ${target.id})\n`,
    );
    expect(stdout).toMatch(/ {2}expected: [0-9a-f]{64}\n {2}found: {4}[0-9a-f]{64}\n/);
  });

  it('exits 1 and names where the stream skips when an event in the middle was deleted', async () => {
    const deleted = rowOf('task-EX-2', 1);
    const cwd = copyLedger((db) => db.prepare('DELETE FROM events WHERE position = ?').run(deleted.position));
    const { code, stdout } = await verify(cwd, '--format', 'json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout).firstBrokenLink).toMatchObject({
      problem: 'revision-out-of-order',
      stream: 'task-EX-2',
      revision: 2,
      position: rowOf('task-EX-2', 2).position,
      expected: 'revision 1',
      found: 'revision 2',
    });
  });

  it('exits 1 when two events of a stream were reordered', async () => {
    const [first, second] = [rowOf('task-EX-1', 1), rowOf('task-EX-1', 2)];
    const cwd = copyLedger((db) => {
      const move = db.prepare('UPDATE events SET revision = ? WHERE position = ?');
      db.transaction(() => {
        move.run(-1, first.position);
        move.run(1, second.position);
        move.run(2, first.position);
      })();
    });
    const { code, stdout } = await verify(cwd, '--format', 'json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout).firstBrokenLink).toMatchObject({
      stream: 'task-EX-1',
      revision: 2,
      position: first.position,
      eventId: first.id,
    });
  });

  it('counts events without a hash, from before chaining, as unchained and still exits 0', async () => {
    const cwd = copyLedger((db) =>
      db.prepare("UPDATE events SET metadata = json_remove(metadata, '$.hash') WHERE stream = 'task-EX-5'").run(),
    );
    const unchained = rows.filter((row) => row.stream === 'task-EX-5').length;
    const { code, stdout } = await verify(cwd);
    expect(code).toBe(0);
    expect(stdout).toContain(`  unchained:   ${unchained} (written before hash chaining; not verifiable)\n`);
  });

  it('verifies one stream with --stream, and refuses a stream the ledger does not hold with exit 2', async () => {
    const mine = rows.filter((row) => row.stream === 'task-EX-4').length;
    const one = await verify(dir.path, '--stream', 'task-EX-4', '--format', 'json');
    expect(JSON.parse(one.stdout)).toMatchObject({ ok: true, stream: 'task-EX-4', events: mine, streams: 1 });
    const missing = await verify(dir.path, '--stream', 'task-NOPE');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no stream named "task-NOPE" in the ledger');
  });

  it('writes a checkpoint on demand that later runs check, leaving the read models as they were', async () => {
    const cwd = copyLedger();
    const before = await runCli(['export', 'tasks'], { cwd });
    const status = await runCli(['status', '--format', 'json'], { cwd });
    const written = await verify(cwd, '--checkpoint');
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/checkpoint 0 written: \d+ stream heads up to position \d+\n/);
    expect(JSON.parse((await verify(cwd, '--format', 'json')).stdout)).toMatchObject({ ok: true, checkpoints: 1 });
    const withoutPosition = (text: string) => ({
      ...JSON.parse(text),
      ledgerPosition: undefined,
      headPosition: undefined,
    });
    expect(withoutPosition((await runCli(['export', 'tasks'], { cwd })).stdout)).toEqual(
      withoutPosition(before.stdout),
    );
    const statusAfter = await runCli(['status', '--format', 'json'], { cwd });
    expect(withoutPosition(statusAfter.stdout)).toEqual(withoutPosition(status.stdout));
    expect(JSON.parse(statusAfter.stdout)).toMatchObject({ lag: 0 });
    const lastEvent = rows[rows.length - 1]!;
    copyFileSync(join(cwd, LEDGER), join(cwd, 'kept.db'));
    const db = new Database(join(cwd, LEDGER));
    db.prepare('DELETE FROM events WHERE position = ?').run(lastEvent.position);
    db.close();
    const tail = await verify(cwd, '--format', 'json');
    expect(tail.code).toBe(1);
    expect(JSON.parse(tail.stdout).firstBrokenLink).toMatchObject({
      problem: 'checkpoint-head',
      stream: lastEvent.stream,
      revision: lastEvent.revision,
    });
  });
});
