import { TaskledgerError } from '@taskledger/errors';
import { statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The nearest existing ancestor of `path` that is a file, not a directory; null when there is none. */
const fileInTheWay = (path: string): string | null => {
  for (let parent = dirname(path); parent !== dirname(parent); parent = dirname(parent)) {
    try {
      return statSync(parent).isDirectory() ? null : parent;
    } catch {
      continue;
    }
  }
  return null;
};

const reason = (error: NodeJS.ErrnoException, path: string): string => {
  switch (error.code) {
    case 'ENOENT':
      return `directory ${dirname(path)} does not exist`;
    case 'ENOTDIR':
      return `${fileInTheWay(path) ?? 'a part of the path'} is not a directory`;
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return error.message;
  }
};

/**
 * Writes a file the user asked for (`--output`, `--export-csv`, ...), relative to `cwd`; returns
 * its absolute path. A path that cannot be written is a usage error naming the path and why.
 */
export const writeOutputFile = (cwd: string, option: string, file: string, body: string): string => {
  const path = resolve(cwd, file);
  try {
    writeFileSync(path, body);
  } catch (error) {
    const cause = error as NodeJS.ErrnoException;
    if (typeof cause.code !== 'string') throw error;
    throw new TaskledgerError('InvalidArgument', `${option}: cannot write ${path}: ${reason(cause, path)}`, { path });
  }
  return path;
};
