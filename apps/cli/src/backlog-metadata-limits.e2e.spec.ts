import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBacklog, type JsonValue } from '@taskledger/backlog';
import { SqliteEventStore } from '@taskledger/event-store';
import { taskStream, toEnvelopes } from '@taskledger/events';
import { runCli, workDir } from '../test/run-cli';

jest.setTimeout(60_000);

const arrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** `depth` arrays nested in each other, built without parsing. */
const nestedArrays = (depth: number): JsonValue => {
  let value: JsonValue = [];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
};

const BACKLOG_ROW = '| B-1 | Build it | 📈 | 2 | ✅ done | Outcome | Node | None |';

const BACKLOG = [
  '# Backlog',
  '',
  '| ID | Title | 🔥P | 🎯Points | Status | Problem/Outcome | Tech Footprint | Dependencies |',
  '|---|---|---|---|---|---|---|---|',
  BACKLOG_ROW,
  `<!-- meta_x: ${arrays(1000)} -->`,
  '| B-2 | Ship it | 🔥 | 1 | todo | Outcome | Node | B-1 |',
  `<!-- meta_y: ${arrays(3000)} -->`,
  `<!-- notes: ${'x'.repeat(70_000)} -->`,
  '<!-- score_total: 5 -->',
  '',
].join('\n');

describe('a backlog whose metadata is nested too deeply or too large', () => {
  const dir = workDir('metadata-limits');
  afterAll(() => dir.remove());
  const cli = (...args: string[]) => runCli(args, { cwd: dir.path, killAfterMs: 10_000 });

  it('parses with warnings naming the lines, and list, validate and lanes then read the ledger', async () => {
    writeFileSync(join(dir.path, '000_backlog.md'), BACKLOG);
    const parsed = await cli('parse');
    expect({ code: parsed.code, stderr: parsed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(parsed.stdout).toContain('2 tasks (2 new, 0 changed, 0 removed, 0 unchanged), 3 warnings');
    expect(parsed.stdout).toContain(
      'line 6: META_VALUE_TOO_DEEP B-1: meta_x is nested more than 32 levels deep; kept as text',
    );
    expect(parsed.stdout).toContain(
      'line 8: META_VALUE_TOO_DEEP B-2: meta_y is nested more than 32 levels deep; kept as text',
    );
    expect(parsed.stdout).toContain(
      'line 9: META_VALUE_TOO_LARGE B-2: notes is 70000 bytes, over the 65536-byte limit for one value; dropped',
    );
    const expected: Array<[string, RegExp]> = [
      ['list', /^B-2 .*Ship it\nB-1 .*Build it\n2 tasks$/m],
      ['validate', /^All dependencies are satisfied$/m],
      ['lanes', /^P0 lane \(1\):\n.*B-2/m],
    ];
    for (const [command, output] of expected) {
      const result = await cli(command);
      expect({ command, code: result.code }).toEqual({ command, code: 0 });
      expect(result.stdout).toMatch(output);
      expect(result.stderr).not.toContain('error');
    }
    const listed = JSON.parse((await cli('list', '--format', 'json')).stdout);
    expect(listed.tasks.map((task: { id: string; meta: object }) => [task.id, task.meta])).toEqual([
      ['B-2', { meta_y: arrays(3000) }],
      ['B-1', { meta_x: arrays(1000) }],
    ]);
  });

  it('brings a ledger that recorded a value 1,000 deep before the limit back to health on the next parse', async () => {
    const legacy = join(dir.path, 'legacy');
    mkdirSync(join(legacy, '.taskledger'), { recursive: true });
    const file = join(legacy, '000_backlog.md');
    const text = `${BACKLOG_ROW}\n<!-- meta_x: ${arrays(1000)} -->\n`;
    writeFileSync(file, text);
    const { id: taskId, rawId: _rawId, ...definition } = parseBacklog(text, file).tasks[0]!;
    const before = { ...definition, meta: { meta_x: nestedArrays(1000) } };
    const context = { newId: randomUUID, now: () => new Date(), correlationId: 'earlier-parse', actor: 'test' };
    const registered = {
      type: 'TaskRegistered' as const,
      data: { taskId, backlogId: '000_backlog.md', definition: before },
    };
    const store = new SqliteEventStore(join(legacy, '.taskledger/ledger.db'));
    await store.append(taskStream(taskId), toEnvelopes([registered], context), { expectedRevision: 'no_stream' });
    await store.close();
    const cliInLegacy = (command: string) => runCli([command], { cwd: legacy, killAfterMs: 10_000 });
    const parsed = await cliInLegacy('parse');
    expect({ code: parsed.code, stderr: parsed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(parsed.stdout).toContain('1 tasks (0 new, 1 changed, 0 removed, 0 unchanged)');
    for (const command of ['list', 'validate', 'lanes'])
      expect({ command, code: (await cliInLegacy(command)).code }).toEqual({ command, code: 0 });
  });
});
