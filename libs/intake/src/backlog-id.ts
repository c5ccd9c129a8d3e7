import { isAbsolute, relative, sep } from 'node:path';

/**
 * A backlog's id: its path relative to the working directory (forward slashes, whitespace as
 * `_`), or the absolute path for files outside it. Stable for a repository checked out anywhere.
 */
export const backlogIdFor = (path: string, cwd: string): string => {
  const fromCwd = relative(cwd, path);
  const inside = fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd);
  return (inside ? fromCwd : path).split(sep).join('/').replace(/\s/g, '_');
};
