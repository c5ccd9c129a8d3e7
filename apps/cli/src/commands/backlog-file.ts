import { TaskledgerError } from '@taskledger/errors';
import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { MAX_BACKLOG_BYTES } from '@taskledger/backlog';

const CHUNK_BYTES = 1024 * 1024;

const kindOf = (stats: Stats): string => {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isBlockDevice()) return 'a block device';
  return stats.isSocket() ? 'a socket' : 'a special file';
};

const cannotRead = (path: string, reason: string): TaskledgerError =>
  new TaskledgerError(
    'InvalidArgument',
    `cannot read backlog ${path} (${reason}); pass an existing file, or set "backlog" in taskledger.config.json`,
  );

const notRegular = (path: string, stats: Stats): TaskledgerError =>
  new TaskledgerError(
    'InvalidArgument',
    `cannot read backlog ${path}: it is ${kindOf(stats)}, not a file or a pipe; pass a markdown file of at most ${MAX_BACKLOG_BYTES} bytes`,
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

/** Standard input, whatever it is (a pipe, a socket from a parent process, a file), up to the limit. */
const readStdin = (): Uint8Array => {
  try {
    return readOpen(0, '/dev/stdin', fstatSync(0));
  } catch (error) {
    if (error instanceof TaskledgerError) throw error;
    throw cannotRead('/dev/stdin', (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
};

/** A file, or a pipe or device read like one (`--from-file /dev/stdin`); never a directory or socket. */
const readable = (stats: Stats): boolean => stats.isFile() || stats.isFIFO() || stats.isCharacterDevice();

const readOpen = (fd: number, path: string, stats: Stats): Uint8Array => {
  const content = readCapped(fd);
  if (content.byteLength <= MAX_BACKLOG_BYTES) return content;
  const bytes = Math.max(stats.size, content.byteLength);
  throw new TaskledgerError(
    'FileTooLarge',
    `${path}: ${bytes} bytes exceeds the ${MAX_BACKLOG_BYTES}-byte limit; split the backlog into smaller files`,
    { path, bytes },
  );
};

/**
 * Reads a backlog file, with an error that names it and says what to do: a file, a pipe or a
 * device (never a directory), and never more than {@link MAX_BACKLOG_BYTES} of it, so an endless
 * device stops at the limit.
 */
export const readBacklogFile = (file: string, cwd: string): { path: string; content: Uint8Array } => {
  if (file === '-' || file === '/dev/stdin') return { path: '/dev/stdin', content: readStdin() };
  const path = resolve(cwd, file);
  let fd: number;
  let stats: Stats;
  try {
    stats = statSync(path);
    if (!readable(stats)) throw notRegular(path, stats);
    fd = openSync(path, 'r');
  } catch (error) {
    if (error instanceof TaskledgerError) throw error;
    throw cannotRead(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  try {
    return { path, content: readOpen(fd, path, stats) };
  } catch (error) {
    if (error instanceof TaskledgerError || error instanceof TaskledgerError) throw error;
    throw cannotRead(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  } finally {
    closeSync(fd);
  }
};
