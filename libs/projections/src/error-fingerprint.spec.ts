import fc from 'fast-check';
import { fingerprintError, fnv1a32, normaliseErrorMessage } from './error-fingerprint';

describe('error fingerprint', () => {
  describe('when normalising a message', () => {
    it.each([
      [
        "ENOENT: no such file or directory, open '/tmp/build-42/out.json'",
        "enoent: no such file or directory, open '<path>'",
      ],
      ['connect ECONNREFUSED 127.0.0.1:5432', 'connect econnrefused <n>:<n>'],
      [
        'task 3f2b1c4d-1111-4222-8333-444455556666 failed at src/app/main.ts:12:5',
        'task <uuid> failed at <path>:<n>:<n>',
      ],
      ['commit deadbeef12 not found (0x1F)', 'commit <hex> not found (<hex>)'],
      ["EACCES: permission denied, mkdir 'C:\\Users\\bob\\x'", "eacces: permission denied, mkdir '<path>'"],
      ['read ./config/app.json, ../x/y and ~/logs/a.log', 'read <path>, <path> and <path>'],
      ['   Multiple \n spaces\there  ', 'multiple spaces here'],
    ])('turns %j into %j', (message, expected) => expect(normaliseErrorMessage(message)).toBe(expected));

    it('keeps words made only of hex letters', () =>
      expect(normaliseErrorMessage('Deadbeefcafe failed')).toBe('deadbeefcafe failed'));

    it('cuts the result to 200 characters without a trailing space', () => {
      const normalised = normaliseErrorMessage(`${'a'.repeat(199)} b`);
      expect(normalised).toBe('a'.repeat(199));
    });

    it('leaves no digits, whatever the message', () =>
      fc.assert(
        fc.property(
          fc.string({ maxLength: 300 }),
          (message) => !/\d/.test(normaliseErrorMessage(message)) && normaliseErrorMessage(message).length <= 200,
        ),
      ));

    it('gives messages that differ only in their numbers the same fingerprint', () =>
      fc.assert(
        fc.property(
          fc.nat(),
          fc.nat(),
          fc.nat(),
          fc.nat(),
          (a, b, c, d) =>
            fingerprintError(`timed out after ${a} ms on port ${b}`, 'timeout').id ===
            fingerprintError(`timed out after ${c} ms on port ${d}`, 'timeout').id,
        ),
      ));
  });

  describe('when hashing', () => {
    it.each([
      ['', '811c9dc5'],
      ['a', 'e40c292c'],
      ['foobar', 'bf9cf968'],
    ])('matches the FNV-1a 32-bit test vector for %j', (text, hash) => expect(fnv1a32(text)).toBe(hash));
  });

  describe('given errors one after another, some repeated', () => {
    const fresh = (message: string, type: string) => {
      const normalised = normaliseErrorMessage(message);
      const text = normalised === '' ? normaliseErrorMessage(`[${type}]`) : normalised;
      return { id: fnv1a32(text), text };
    };

    it('gives each the fingerprint of its own message and type', () =>
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.constantFrom('', ' ', 'boom 1', 'boom 2', 'Boom'), fc.constantFrom('exit', 'timeout')), {
            maxLength: 12,
          }),
          (errors) =>
            errors.forEach(([message, type]) => expect(fingerprintError(message, type)).toEqual(fresh(message, type))),
        ),
      ));

    it('hands out a new object each time, so changing one leaves the next alone', () => {
      const first = fingerprintError('boom 1', 'exit');
      first.text = 'changed';
      expect(fingerprintError('boom 1', 'exit')).toEqual({ id: fnv1a32('boom <n>'), text: 'boom <n>' });
    });
  });

  describe('given an empty message', () => {
    it('falls back to the error type', () =>
      expect(fingerprintError('  ', 'abandoned')).toEqual({ id: fnv1a32('[abandoned]'), text: '[abandoned]' }));
  });
});
