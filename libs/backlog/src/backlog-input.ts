import { TaskledgerError } from '@taskledger/errors';
/** Largest backlog accepted, in bytes of UTF-8. */
export const MAX_BACKLOG_BYTES = 50 * 1024 * 1024;

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 length of a string without allocating its encoding. */
export const utf8Length = (text: string): number => {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
};

const tooLarge = (path: string, bytes: number): TaskledgerError =>
  new TaskledgerError('FileTooLarge', `${path}: ${bytes} bytes exceeds the ${MAX_BACKLOG_BYTES}-byte limit`, {
    path,
    bytes,
  });

const binary = (path: string): TaskledgerError =>
  new TaskledgerError('Binary', `${path}: contains NUL bytes, not a text backlog`, { path });

const decodeBytes = (input: Uint8Array, path: string): string => {
  if (input.byteLength > MAX_BACKLOG_BYTES) throw tooLarge(path, input.byteLength);
  if (input.indexOf(0) !== -1) throw binary(path);
  try {
    return utf8Decoder.decode(input);
  } catch {
    throw new TaskledgerError('NotUtf8', `${path}: not valid UTF-8`, { path });
  }
};

const checkText = (input: string, path: string): string => {
  if (input.length * 3 > MAX_BACKLOG_BYTES) {
    const bytes = utf8Length(input);
    if (bytes > MAX_BACKLOG_BYTES) throw tooLarge(path, bytes);
  }
  if (input.indexOf('\u0000') !== -1) throw binary(path);
  return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
};

/**
 * Turns caller-supplied content into text: bytes are decoded as strict UTF-8 (a BOM is dropped).
 * Throws {@link TaskledgerError} for input over {@link MAX_BACKLOG_BYTES}, with NUL bytes, or not UTF-8.
 */
export const decodeBacklogInput = (input: Uint8Array | string, path: string): string =>
  typeof input === 'string' ? checkText(input, path) : decodeBytes(input, path);
