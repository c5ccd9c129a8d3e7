/** Longest fingerprint text kept; longer normalised messages are cut. */
export const FINGERPRINT_MAX_LENGTH = 200;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** `/abs/path`, `~/x`, `./x`, `../x`, `c:\x`, after the start, a space, a quote, a bracket, `=`, `:` or `,`. */
const ANCHORED_PATH = /(?<=^|[\s'"`(=:,[])(?:[a-z]:|~|\.{1,2})?(?:[\\/][\w.@+~-]+)+[\\/]?/g;
/** `src/app/main.ts`: segments with a separator, ending in a file extension. */
const RELATIVE_PATH = /\b[\w.@-]+(?:[\\/][\w.@-]+)*[\\/][\w@-]+\.[a-z][\w]*\b/g;
/** 0x-prefixed hex, or 8+ hex digits mixing letters and digits (hashes, addresses). */
const HEX = /\b(?:0x[0-9a-f]+|(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,})\b/g;
const NUMBER = /\d+(?:\.\d+)*/g;

/**
 * The message with its variable parts replaced, so one kind of failure groups together:
 * lower-cased, UUIDs → `<uuid>`, paths → `<path>`, hex ≥ 8 → `<hex>`, numbers → `<n>`,
 * whitespace collapsed, cut to 200 characters.
 */
export const normaliseErrorMessage = (message: string): string =>
  message
    .toLowerCase()
    .replace(UUID, '<uuid>')
    .replace(ANCHORED_PATH, '<path>')
    .replace(RELATIVE_PATH, '<path>')
    .replace(HEX, '<hex>')
    .replace(NUMBER, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, FINGERPRINT_MAX_LENGTH)
    .trimEnd();

/** 32-bit FNV-1a over the UTF-16 code units of `text`, as 8 lower-case hex digits. */
export const fnv1a32 = (text: string): string => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
};

export interface ErrorFingerprint {
  /** FNV-1a of `text`. */
  id: string;
  text: string;
}

/** The last fingerprint computed: an error is fingerprinted once for each document it counts in. */
let last: { message: string; type: string; id: string; text: string } | null = null;

/** The fingerprint of an error message; an empty message falls back to the error type. */
export const fingerprintError = (message: string, type: string): ErrorFingerprint => {
  if (last === null || last.message !== message || last.type !== type) {
    const normalised = normaliseErrorMessage(message);
    const text = normalised === '' ? normaliseErrorMessage(`[${type}]`) : normalised;
    last = { message, type, id: fnv1a32(text), text };
  }
  return { id: last.id, text: last.text };
};
