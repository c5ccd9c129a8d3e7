import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { BacklogInputError, MAX_BACKLOG_BYTES } from '@taskledger/backlog';
import { LedgerError } from '@taskledger/events';

const CHUNK_BYTES = 1024 * 1024;

/** Opening never waits for a writer (a FIFO); reading a regular file is unaffected. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

const kindOf = (stats: Stats): string => {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return stats.isSocket() ? 'a socket' : 'a special file';
};

const cannotRead = (path: string, reason: string): LedgerError =>
  new LedgerError(
    'InvalidArgument',
    `cannot read backlog ${path} (${reason}); pass an existing file, or set "backlog" in taskledger.config.json`,
  );

const notRegular = (path: string, stats: Stats): LedgerError =>
  new LedgerError(
    'InvalidArgument',
    `cannot read backlog ${path}: it is ${kindOf(stats)}, not a regular file; pass a markdown file of at most ${MAX_BACKLOG_BYTES} bytes`,
  );

/** Reads at most one byte past the limit, in chunks, so no file (however large, or growing) fills memory. */
const readCapped = (fd: number): Buffer => {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= MAX_BACKLOG_BYTES) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, MAX_BACKLOG_BYTES + 1 - total));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
  }
  return Buffer.concat(chunks, total);
};

const readOpen = (fd: number, path: string): Uint8Array => {
  const stats = fstatSync(fd);
  if (!stats.isFile()) throw notRegular(path, stats);
  const content = readCapped(fd);
  if (content.byteLength <= MAX_BACKLOG_BYTES) return content;
  const bytes = Math.max(stats.size, content.byteLength);
  throw new BacklogInputError(
    'FileTooLarge',
    `${path}: ${bytes} bytes exceeds the ${MAX_BACKLOG_BYTES}-byte limit; split the backlog into smaller files`,
    { path, bytes },
  );
};

/**
 * Reads a backlog file, with an error that names it and says what to do: only a regular file is
 * read (never a directory, FIFO or device), and never more than {@link MAX_BACKLOG_BYTES} of it.
 */
export const readBacklogFile = (file: string, cwd: string): { path: string; content: Uint8Array } => {
  const path = resolve(cwd, file);
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    throw cannotRead(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  try {
    return { path, content: readOpen(fd, path) };
  } catch (error) {
    if (error instanceof LedgerError || error instanceof BacklogInputError) throw error;
    throw cannotRead(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  } finally {
    closeSync(fd);
  }
};
