import { parseBacklog } from '../src/index';
import { describeFixture, loadFixture } from './fixture-files';

/**
 * An independent scan (deliberately not sharing code with the parser): every token that looks like a
 * task id at the start of a table row or a heading must be among the parsed ids.
 */
const ROW_START = /^\s*\|+\s*(?:\*\*)?([A-Z]+[-\u2011]\d+(?:[-\u2011][A-Za-z0-9]+)*)(?:\*\*)?\s*\|/;
const HEADING_START = /^#{1,6}\s+(?:\*\*)?([A-Z]+[-\u2011]\d+(?:[-\u2011][A-Za-z0-9]+)*)[\s:*]/;

const idsInText = (text: string): Set<string> => {
  const ids = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const match = ROW_START.exec(line) ?? HEADING_START.exec(line);
    if (match) ids.add((match[1] as string).replace(/\u2011/g, '-'));
  }
  return ids;
};

for (const name of ['ai-dev-tasks-2025-08-12.md', 'ai-dev-tasks-2025-09-15.md']) {
  describeFixture(name, `every task id in ${name}`, () => {
    it('given ids at the start of table rows and headings, when the file is parsed, then each is a parsed task', () => {
      const { text, result } = loadFixture(name);
      const scanned = idsInText(text);
      const parsed = new Set(result.tasks.map((task) => task.id));
      expect(scanned.size).toBeGreaterThan(100);
      expect([...scanned].filter((id) => !parsed.has(id))).toEqual([]);
    });

    it('gives a JSON-safe result, the same on every parse', () => {
      const { text, path, result } = loadFixture(name);
      expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
      expect(parseBacklog(text, path)).toStrictEqual(result);
    });
  });
}
