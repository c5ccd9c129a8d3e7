import fc from 'fast-check';
import { quoteWord, splitArgv } from './argv-split';

describe('splitting a command string into argv', () => {
  it.each([
    ['node  tasks/a.js --x=1', ['node', 'tasks/a.js', '--x=1']],
    [`say 'hello world' "it's" a\\ b`, ['say', 'hello world', "it's", 'a b']],
    [`echo "a \\"quoted\\" $HOME" ''`, ['echo', 'a "quoted" $HOME', '']],
    ['   ', []],
  ])('splits %j like a shell, expanding nothing', (command, argv) => {
    expect(splitArgv(command)).toEqual(argv);
  });

  it('refuses an unclosed quote', () => {
    expect(() => splitArgv('echo "oops')).toThrow(/unclosed " quote/);
  });

  it('given any argv, when quoted for display and split again, then it comes back unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (argv) => {
        expect(splitArgv(argv.map(quoteWord).join(' '))).toEqual(argv);
      }),
    );
  });
});
