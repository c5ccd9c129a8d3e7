import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { eventTypes } from '@taskledger/events';

const root = join(__dirname, '../../..');

const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
      )
    : [];

const sourceFiles = ['libs', 'apps', 'tools']
  .flatMap((group) => readdirSync(join(root, group)).map((project) => join(root, group, project)))
  .flatMap((project) => [...filesUnder(join(project, 'src')), ...filesUnder(join(project, 'test'))])
  .filter((file) => file.endsWith('.ts'))
  .map((file) => relative(root, file));

const read = (file: string) => readFileSync(join(root, file), 'utf8');
const sharedVocabulary = 'libs/events/src/testing/';

describe('one vocabulary for building events in tests', () => {
  it('test helpers build events only through @taskledger/events/testing, never as literals of their own', () => {
    const eventLiteral = new RegExp(`type: '(${eventTypes.join('|')})'`);
    const helpers = sourceFiles.filter(
      (file) =>
        !file.endsWith('.spec.ts') &&
        !file.startsWith(sharedVocabulary) &&
        (/\/(testing|test)\//.test(file) || read(file).includes("'@taskledger/events/testing'")),
    );
    expect(helpers.length).toBeGreaterThan(0);
    expect(helpers.filter((file) => eventLiteral.test(read(file)))).toEqual([]);
  });

  it('one seeded random generator serves backlogs, task histories and benchmark fixtures', () => {
    const generators = sourceFiles.filter((file) => !file.endsWith('.spec.ts') && /0x6d2b79f5/i.test(read(file)));
    expect(generators).toEqual(['libs/events/src/seeded-random.ts']);
  });
});
