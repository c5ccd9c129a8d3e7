import { runCli, workDir } from '../test/run-cli';

jest.setTimeout(120_000);

/** The subcommand names a --help output lists under "Commands:" (commander's own `help` left out). */
const subcommands = (help: string): string[] => {
  const section = /\nCommands:\n((?: {2}.*\n?)+)/.exec(help)?.[1] ?? '';
  return section
    .split('\n')
    .map((line) => /^ {2}(\S+)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'help');
};

describe('taskledger --help of every command', () => {
  const dir = workDir('help');
  afterAll(() => dir.remove());
  const help = async (command: string[]) => {
    const result = await runCli([...command, '--help'], { cwd: dir.path });
    expect(result.code).toBe(0);
    return result.stdout;
  };

  it('shows at least one example of the command in use', async () => {
    const pending = (subcommands(await help([])) as string[]).map((name) => [name]);
    const withoutExample: string[] = [];
    let checked = 0;
    for (let command = pending.shift(); command; command = pending.shift()) {
      const text = await help(command);
      checked++;
      const example = new RegExp(`\\nExamples?:\\n {2}taskledger ${command.join(' ')}\\b`);
      if (!example.test(text)) withoutExample.push(command.join(' '));
      pending.push(...subcommands(text).map((name) => [...command, name]));
    }
    expect(checked).toBeGreaterThanOrEqual(18);
    expect(withoutExample).toEqual([]);
  });

  it('shows serve with a query that can run: serve does not exit, so nothing may wait on it with &&', async () => {
    const text = await help(['serve']);
    expect(text).not.toMatch(/taskledger serve[^\n]*&&/);
    expect(text).toMatch(/curl [^\n]*localhost:8080\/status/);
  });
});
