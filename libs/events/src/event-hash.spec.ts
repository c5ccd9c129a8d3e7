import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  canonicalEventText,
  canonicalJson,
  canonicalMetadata,
  chainLink,
  eventHash,
  splitStoredMetadata,
  storedMetadataText,
} from './event-hash';
import { completed, envelopes } from './testing';

const reorderKeys = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(reorderKeys);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .reverse()
      .map(([key, member]) => [key, reorderKeys(member)]),
  );
};

describe('canonical JSON', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' } })).toBe('{"a":{"c":"x","d":[true,null]},"b":1}');
  });

  it('sorts keys that look like numbers as text, not in JavaScript property order', () => {
    expect(canonicalJson({ 10: 'a', 9: 'b', x: 'c' })).toBe('{"10":"a","9":"b","x":"c"}');
  });

  it('leaves out undefined members as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it('gives the same text for the same JSON value whatever the key order, and parses back to it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(reorderKeys(value))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe('an event chain link', () => {
  const [event] = envelopes([completed('B-1')]);
  const withHash = { ...event!, metadata: { ...event!.metadata, hash: 'f'.repeat(64) } };

  it('is the SHA-256 of the previous hash, a newline and the canonical event bytes', () => {
    const text = canonicalEventText(
      event!.type,
      canonicalJson(event!.data),
      canonicalMetadata(event!.metadata),
      event!.id,
    );
    const expected = createHash('sha256')
      .update(`${'a'.repeat(64)}\n${text}`)
      .digest('hex');
    expect(eventHash(event!, 'a'.repeat(64))).toBe(expected);
    expect(chainLink(null, text)).toBe(createHash('sha256').update(`\n${text}`).digest('hex'));
  });

  it('ignores a hash already in the metadata, and changes with any byte of the data or the previous hash', () => {
    expect(eventHash(withHash, null)).toBe(eventHash(event!, null));
    const other = { ...event!, data: { ...event!.data, durationMs: event!.data.durationMs + 1 } };
    expect(eventHash(other, null)).not.toBe(eventHash(event!, null));
    expect(eventHash(event!, 'b'.repeat(64))).not.toBe(eventHash(event!, null));
  });

  it('is built from the canonical parts: type, data, metadata without the hash, id', () => {
    expect(canonicalEventText('T', '{"a":1}', '{"m":2}', 'id-1')).toBe(
      '{"data":{"a":1},"id":"id-1","metadata":{"m":2},"type":"T"}',
    );
  });
});

describe('stored metadata text', () => {
  it('puts the hash first so it can be cut off without parsing, and stays valid JSON', () => {
    const canonical = canonicalMetadata({ actor: 'a', schemaVersion: 1 });
    const stored = storedMetadataText(canonical, 'c'.repeat(64));
    expect(JSON.parse(stored)).toEqual({ hash: 'c'.repeat(64), actor: 'a', schemaVersion: 1 });
    expect(splitStoredMetadata(stored)).toEqual({ hash: 'c'.repeat(64), rest: canonical });
    expect(splitStoredMetadata(storedMetadataText('{}', 'd'.repeat(64)))).toEqual({ hash: 'd'.repeat(64), rest: '{}' });
  });

  it('is not split when the text has no hash in front', () => {
    expect(splitStoredMetadata('{"actor":"a","hash":"x"}')).toBeNull();
    expect(splitStoredMetadata('{"hash":"short","actor":"a"}')).toBeNull();
  });
});
