import { TaskledgerError, isTaskledgerError } from '@taskledger/errors';
import { decodeBacklogInput, MAX_BACKLOG_BYTES } from './backlog-input';
import { parseBacklog } from './backlog-parser';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return isTaskledgerError(error) ? error.code : 'not a TaskledgerError';
  }
};

describe('backlog input', () => {
  it('decodes UTF-8 bytes and drops a byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('| B‑1 | Tïtle |')]);
    expect(decodeBacklogInput(bytes, 'a.md')).toBe('| B‑1 | Tïtle |');
    expect(decodeBacklogInput('\uFEFFtext', 'a.md')).toBe('text');
  });

  it('rejects bytes that are not UTF-8 with a typed NotUtf8 error', () => {
    expect(codeOf(() => parseBacklog(new Uint8Array([0x7c, 0x20, 0xff, 0xfe, 0x20, 0x7c]), 'latin.md'))).toBe(
      'NotUtf8',
    );
  });

  it('rejects binary input (NUL bytes) as Binary, for bytes and strings', () => {
    expect(codeOf(() => parseBacklog(new Uint8Array([0x23, 0x00, 0x41]), 'x.bin'))).toBe('Binary');
    expect(codeOf(() => parseBacklog('# a\u0000b', 'x.md'))).toBe('Binary');
  });

  it('rejects input over 50 MB as FileTooLarge, counting UTF-8 bytes of strings', () => {
    expect(codeOf(() => parseBacklog(new Uint8Array(MAX_BACKLOG_BYTES + 1), 'big.md'))).toBe('FileTooLarge');
    expect(codeOf(() => parseBacklog('€'.repeat(Math.ceil(MAX_BACKLOG_BYTES / 3) + 1), 'big.md'))).toBe('FileTooLarge');
    expect(codeOf(() => parseBacklog('a'.repeat(1000), 'small.md'))).toBeUndefined();
  });

  it('carries the path in the error', () => {
    const error = new TaskledgerError('Binary', 'x', { path: 'p.md' });
    expect(error).toBeInstanceOf(Error);
    expect(error.details?.path).toBe('p.md');
  });
});
