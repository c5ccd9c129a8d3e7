import { decodeBacklogInput } from './backlog-input';
import { BacklogScanner } from './backlog-scanner';
import type { ParseResult, ParseWarning } from './backlog.types';
import { resolveDependencies } from './dependency-resolution';
import { splitLines } from './markdown-lines';
import { mergeSightings } from './sightings-merge';

/** Bumped whenever the same input can parse to a different result. */
export const PARSER_VERSION = '1.0.0';

const byLine = (a: ParseWarning, b: ParseWarning): number => a.line - b.line;

/**
 * Parses a markdown backlog into tasks and warnings. Pure: reads only `input`; `path` is recorded in
 * each task's source. Content problems become warnings, never exceptions; unreadable input (over
 * 50 MB, binary, not UTF-8) throws a {@link TaskledgerError}. Nothing from the backlog is executed.
 */
export const parseBacklog = (input: Uint8Array | string, path: string): ParseResult => {
  const text = decodeBacklogInput(input, path);
  const scanner = new BacklogScanner(splitLines(text)).scan();
  const warnings = [...scanner.warnings];
  const drafts = mergeSightings(scanner.sightings, path, warnings);
  const tasks = resolveDependencies(drafts, warnings);
  return { tasks, warnings: warnings.sort(byLine) };
};
