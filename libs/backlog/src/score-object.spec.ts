import fc from 'fast-check';
import type { JsonObject } from './backlog.types';
import { looseObject } from './markdown-writing';
import { parseScoreObject } from './score-object';

describe('score objects', () => {
  it('reads the loose literal backlogs use', () => {
    expect(parseScoreObject('{bv:5, tc:3, rr:5, le:4, effort:0.5, deps:[]}')).toEqual({
      ok: true,
      value: { bv: 5, tc: 3, rr: 5, le: 4, effort: 0.5, deps: [] },
    });
    expect(parseScoreObject('{bv:5, tc:3,\ndeps:["200_naming.md", \'B-043\', B-044,]}')).toEqual({
      ok: true,
      value: { bv: 5, tc: 3, deps: ['200_naming.md', 'B-043', 'B-044'] },
    });
  });

  it('never evaluates anything: calls and globals are just words', () => {
    expect(parseScoreObject('{bv: process.exit(1), tc: require("fs"), x: this}')).toEqual({
      ok: true,
      value: { bv: 'process.exit(1)', tc: 'require("fs")', x: 'this' },
    });
  });

  it('keeps a __proto__ key as data', () => {
    const parsed = parseScoreObject('{__proto__: {polluted: true}}');
    expect(parsed.ok && Object.keys(parsed.value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reports malformed input instead of throwing', () => {
    for (const text of [
      '',
      '{',
      '{bv 5}',
      '{bv:5',
      '{"a": "unterminated}',
      '[1,2]',
      '{a:1} tail',
      `${'{a:'.repeat(50)}1`,
    ]) {
      expect(parseScoreObject(text).ok).toBe(false);
    }
  });

  it('property: any JSON object written loosely reads back the same', () => {
    const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
    const scalar = fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      fc.boolean(),
      fc.string({ unit: 'binary' }),
      fc.constant(null),
    );
    const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('tree'), { maxLength: 3 }),
        fc.dictionary(key, tie('tree'), { maxKeys: 3 }),
      ),
    }));
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 5 }), (object) => {
        expect(parseScoreObject(looseObject(object as JsonObject))).toEqual({ ok: true, value: object });
      }),
    );
  });

  it('property: random text never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(typeof parseScoreObject(`{${text}}`).ok).toBe('boolean');
      }),
    );
  });
});
