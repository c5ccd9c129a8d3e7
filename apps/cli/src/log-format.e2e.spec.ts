import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, workDir } from '../test/run-cli';

const BACKLOG = [
  '| ID | Title | 🔥P | 🎯Points | Status | Problem/Outcome | Tech Footprint | Dependencies |',
  '|---|---|---|---|---|---|---|---|',
  '| B-1 | Build it | 🔥 | 2 | todo | Outcome | Node | None |',
  '',
].join('\n');

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { level: number; time: number; service: string; msg: string });

describe('taskledger --log-format json', () => {
  const dir = workDir('log-format');
  afterAll(() => dir.remove());
  const cli = (...args: string[]) => runCli(args, { cwd: dir.path });

  it('writes standard error as JSON lines, an error at level 50, and leaves standard output as it is', async () => {
    writeFileSync(join(dir.path, 'backlog.md'), BACKLOG);
    expect((await cli('parse', 'backlog.md')).code).toBe(0);
    const rebuilt = await cli('--log-format', 'json', 'projections', 'rebuild', 'task_executions');
    const text = await cli('projections', 'rebuild', 'task_executions');
    expect(rebuilt.code).toBe(0);
    const timing = /in [\d.]+ s \([^)]*\)/;
    expect(rebuilt.stdout.replace(timing, '')).toBe(text.stdout.replace(timing, ''));
    const lines = jsonLines(rebuilt.stderr);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatchObject({ level: 30, time: expect.any(Number), service: 'cli' });
    expect(lines.map((line) => line.msg).join('\n')).toContain('rebuilding task_executions');

    const failed = await cli('--log-format', 'json', 'history', 'B-404');
    expect(failed.code).toBe(2);
    expect(jsonLines(failed.stderr)).toEqual([
      expect.objectContaining({ level: 50, service: 'cli', msg: 'error: task B-404 not found' }),
    ]);
  });

  it('keeps plain text by default, and refuses a format it does not know', async () => {
    const failed = await cli('history', 'B-404');
    expect(failed.stderr).toBe('error: task B-404 not found\n');
    const unknown = await cli('--log-format', 'xml', 'status');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("option '--log-format <format>' argument 'xml' is invalid");
  });
});
