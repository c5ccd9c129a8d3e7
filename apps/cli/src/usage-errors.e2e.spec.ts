import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, workDir } from '../test/run-cli';

jest.setTimeout(60_000);

const backlog =
  '| ID | Title | 🔥P | 🎯Points | Status | Problem/Outcome | Tech Footprint | Dependencies |\n' +
  '|---|---|---|---|---|---|---|---|\n| B-1 | One | 🔥 | 1 | todo | x | y | None |\n';

describe('usage and input errors exit 2 and say what to fix', () => {
  const dir = workDir('usage-errors');
  afterAll(() => dir.remove());
  const cli = (...args: string[]) => runCli(args, { cwd: dir.path });

  beforeAll(async () => {
    writeFileSync(join(dir.path, '000_backlog.md'), backlog);
    writeFileSync(join(dir.path, 'a-file'), '');
    expect((await cli('parse')).code).toBe(0);
  });

  it.each([
    ['serve', '99999'],
    ['serve', '-1'],
    ['serve', 'abc'],
    ['serve', '80.5'],
    ['project', '99999'],
    ['project', 'abc'],
  ])('%s --port %s: names --port and the accepted range', async (command, port) => {
    const result = await cli(command, '--port', port);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`option '--port <port>' argument '${port}' is invalid`);
    expect(result.stderr).toContain('a port number 0-65535');
    expect(result.stderr).not.toContain('unexpected error');
  });

  it('serve --host on an interface this machine does not have is a usage error naming it', async () => {
    const result = await cli('serve', '--host', '999.1.1.1', '--port', '0');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: cannot listen on 999\.1\.1\.1:0 \(no such interface, E[A-Z_]+\)/);
  });

  it.each([
    ['report', 'EX-999', 'start'],
    ['report', 'EX-999', 'progress', '0.5'],
    ['history', 'EX-999'],
    ['execute', 'EX-999'],
  ])('%s of an unknown task is an input error naming the task', async (...args) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: task EX-999 /);
  });

  const unwritable = () => [
    [join(dir.path, 'a-file', 'out.json'), `${join(dir.path, 'a-file')} is not a directory`],
    [join(dir.path, 'missing', 'out.json'), `directory ${join(dir.path, 'missing')} does not exist`],
    [dir.path, 'it is a directory'],
  ];

  it.each([
    ['export tasks -o', (path: string) => ['export', 'tasks', '-o', path]],
    ['stats --export-csv', (path: string) => ['stats', '--export-csv', path]],
    ['errors --export-report', (path: string) => ['errors', '--export-report', path]],
  ])('%s to a path that cannot be written exits 2 naming the path and the reason', async (_, args) => {
    for (const [path, reason] of unwritable()) {
      const result = await cli(...args(path!));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`cannot write ${path}: ${reason}`);
    }
  });
});
