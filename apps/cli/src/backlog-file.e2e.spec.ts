import { closeSync, mkdirSync, openSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_BACKLOG_BYTES } from '@taskledger/backlog';
import { runCli, workDir } from '../test/run-cli';

jest.setTimeout(60_000);

const BACKLOG = [
  '| ID | Title | 🔥P | 🎯Points | Status | Problem/Outcome | Tech Footprint | Dependencies |',
  '|---|---|---|---|---|---|---|---|',
  '| B-1 | Build it | 🔥 | 2 | todo | Outcome | Node | None |',
  '',
].join('\n');

const FROM_FILE_COMMANDS = ['list', 'validate', 'lanes'];

describe('reading the backlog file', () => {
  const dir = workDir('backlog-file');
  afterAll(() => dir.remove());
  /** A command that reads its input past the limit or waits forever is killed, and fails the test. */
  const cli = (...args: string[]) => runCli(args, { cwd: dir.path, killAfterMs: 10_000 });
  const expectRefused = async (args: string[], ...texts: string[]) => {
    const result = await cli(...args);
    expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 2, stdout: '' });
    for (const text of texts) expect(result.stderr).toContain(text);
  };

  it('stops at once on an endless device, naming the file and the size limit (exit 2)', async () => {
    for (const command of FROM_FILE_COMMANDS)
      await expectRefused([command, '--from-file', '/dev/zero'], '/dev/zero', `${MAX_BACKLOG_BYTES}`);
    await expectRefused(['parse', '/dev/zero'], '/dev/zero', `${MAX_BACKLOG_BYTES}`);
  });

  it('refuses a directory, naming the file and what it is (exit 2)', async () => {
    mkdirSync(join(dir.path, 'notes.md'));
    await expectRefused(['list', '--from-file', 'notes.md'], join(dir.path, 'notes.md'), 'is a directory');
    await expectRefused(['parse', 'notes.md'], join(dir.path, 'notes.md'), 'is a directory');
  });

  it('reads a backlog piped in (--from-file /dev/stdin), as from git show', async () => {
    for (const command of FROM_FILE_COMMANDS) {
      const result = await runCli([command, '--from-file', '/dev/stdin'], { cwd: dir.path, input: BACKLOG });
      expect({ command, code: result.code, stderr: result.stderr }).toEqual({ command, code: 0, stderr: '' });
    }
    const listed = await runCli(['list', '--from-file', '/dev/stdin'], { cwd: dir.path, input: BACKLOG });
    expect(listed.stdout).toContain('B-1');
  });

  it('refuses a file one byte over the limit with its size and the limit (exit 2)', async () => {
    const big = join(dir.path, 'big.md');
    const fd = openSync(big, 'w');
    writeSync(fd, BACKLOG);
    writeSync(fd, Buffer.alloc(MAX_BACKLOG_BYTES + 1 - Buffer.byteLength(BACKLOG), 'x'));
    closeSync(fd);
    const message = `${big}: ${MAX_BACKLOG_BYTES + 1} bytes exceeds the ${MAX_BACKLOG_BYTES}-byte limit`;
    await expectRefused(['lanes', '--from-file', 'big.md'], message);
    await expectRefused(['parse', 'big.md'], message);
  });

  it('refuses a sparse 8 GiB file promptly, reading no more than the limit, with its size (exit 2)', async () => {
    const huge = join(dir.path, 'huge.md');
    writeFileSync(huge, BACKLOG);
    truncateSync(huge, 8 * 1024 ** 3);
    const message = `${huge}: ${8 * 1024 ** 3} bytes exceeds the ${MAX_BACKLOG_BYTES}-byte limit`;
    await expectRefused(['validate', '--from-file', 'huge.md'], message);
    await expectRefused(['parse', 'huge.md'], message);
  });

  it('still reads a regular backlog file', async () => {
    writeFileSync(join(dir.path, '000_backlog.md'), BACKLOG);
    const listed = await cli('list', '--from-file', '000_backlog.md', '--format', 'json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).tasks.map((task: { id: string }) => task.id)).toEqual(['B-1']);
    expect(await cli('parse')).toMatchObject({ code: 0, stderr: '' });
  });
});
