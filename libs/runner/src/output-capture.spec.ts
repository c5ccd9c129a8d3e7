import fc from 'fast-check';
import { OutputTail } from './output-tail';
import { parseProgressLine, progressLineReader } from './progress-lines';

describe('output tails', () => {
  it('given any chunks, then it keeps exactly the last bytes of their concatenation, up to the limit', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 })), fc.integer({ min: 1, max: 64 }), (chunks, limit) => {
        const tail = new OutputTail(limit);
        chunks.forEach((chunk) => tail.push(Buffer.from(chunk)));
        const all = Buffer.concat(chunks.map((chunk) => Buffer.from(chunk)));
        expect(tail.bytes().equals(all.subarray(Math.max(0, all.length - limit)))).toBe(true);
      }),
    );
  });

  it('drops a character cut in half at the start of the tail', () => {
    const tail = new OutputTail(4);
    tail.push(Buffer.from('aé€'));
    expect(tail.text()).toBe('€');
  });
});

describe('::progress lines', () => {
  it.each([
    ['::progress 0.5 compiling', { progress: 0.5, message: 'compiling' }],
    ['::progress 1', { progress: 1, message: null }],
    ['::progress .25   two words \r', { progress: 0.25, message: 'two words' }],
    ['::progress 1.5 too far', null],
    ['::progress -0.1 negative', null],
    ['progress 0.5', null],
    ['  ::progress 0.5 indented', null],
  ])('reads %j as %j', (line, expected) => {
    expect(parseProgressLine(line)).toEqual(expected);
  });

  it('given lines split across chunks, then each progress line is reported once, the last one even without a newline', () => {
    const seen: [number, string | null][] = [];
    const reader = progressLineReader((progress, message) => seen.push([progress, message]));
    ['noise\n::prog', 'ress 0.1 a\n::progress 0.2', ' b\n', '::progress 0.3'].forEach((chunk) => reader.push(chunk));
    reader.end();
    expect(seen).toEqual([
      [0.1, 'a'],
      [0.2, 'b'],
      [0.3, null],
    ]);
  });
});
