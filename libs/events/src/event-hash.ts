import * as crypto from 'node:crypto';

/**
 * Canonical JSON: the JSON text of `value` with every object's keys in ascending order (by
 * UTF-16 code units, JavaScript's default sort), no whitespace, and values written as
 * JSON.stringify writes them (object properties whose value is undefined are left out).
 * The same data gives the same text whatever order its keys were built in.
 */
export const canonicalJson = (value: unknown): string => {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      text += `${index === 0 ? '' : ','}${item === undefined ? 'null' : canonicalJson(item)}`;
    }
    return `${text}]`;
  }
  // Built by hand rather than by sorting a copy: JavaScript orders integer-like keys first.
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let text = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${text}}`;
};

/** The metadata field that holds an event's chain link (the SHA-256 below, lower-case hex). */
export const HASH_FIELD = 'hash';

/**
 * An event's canonical bytes, from the canonical JSON of its data and of its metadata without
 * the hash: the canonical JSON of `{data, id, metadata, type}`. Takes the parts as JSON text so
 * a store that keeps canonical text hashes it as stored.
 */
export const canonicalEventText = (type: string, dataJson: string, metadataJson: string, id: string): string =>
  `{"data":${dataJson},"id":${JSON.stringify(id)},"metadata":${metadataJson},"type":${JSON.stringify(type)}}`;

/** The metadata without its hash, as canonical JSON. */
export const canonicalMetadata = (metadata: object): string => {
  const { [HASH_FIELD]: _hash, ...rest } = metadata as Record<string, unknown>;
  return canonicalJson(rest);
};

/**
 * One link of a stream's chain: SHA-256 (hex) of the previous event's hash in the same stream
 * (the empty string for the first chained event), a newline, and the event's canonical bytes.
 */
export const chainLink = (previousHash: string | null, canonicalText: string): string =>
  sha256Hex(`${previousHash ?? ''}\n${canonicalText}`);

/** One-shot crypto.hash (Node 20.12+) is about twice as fast as a Hash object for short inputs; verify hashes every event. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string) => string }).hash;
const sha256Hex = oneShot
  ? (text: string): string => oneShot('sha256', text)
  : (text: string): string => crypto.createHash('sha256').update(text).digest('hex');

/** The hash of an event as an object (data and metadata not yet serialised), chained to `previousHash`. */
export const eventHash = (
  event: { id: string; type: string; data: unknown; metadata: object },
  previousHash: string | null,
): string =>
  chainLink(
    previousHash,
    canonicalEventText(event.type, canonicalJson(event.data), canonicalMetadata(event.metadata), event.id),
  );

const STORED_PREFIX = `{"${HASH_FIELD}":"`;
const HASH_LENGTH = 64;

/**
 * Metadata as the embedded store keeps it: the hash first, then the canonical metadata, so a
 * verifier can cut the hash off the stored text instead of parsing and re-serialising it.
 */
export const storedMetadataText = (canonicalMetadataJson: string, hash: string): string =>
  canonicalMetadataJson === '{}'
    ? `${STORED_PREFIX}${hash}"}`
    : `${STORED_PREFIX}${hash}",${canonicalMetadataJson.slice(1)}`;

/** Splits stored metadata text written by storedMetadataText into its hash and canonical rest; null otherwise. */
export const splitStoredMetadata = (text: string): { hash: string; rest: string } | null => {
  const end = STORED_PREFIX.length + HASH_LENGTH;
  if (!text.startsWith(STORED_PREFIX) || text.charCodeAt(end) !== 34 /* " */) return null;
  const next = text[end + 1];
  if (next === '}') return { hash: text.slice(STORED_PREFIX.length, end), rest: '{}' };
  if (next !== ',') return null;
  return { hash: text.slice(STORED_PREFIX.length, end), rest: `{${text.slice(end + 2)}` };
};
