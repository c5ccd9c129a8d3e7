import { headingOf, listItemOf } from './markdown-lines';
import type { TableHeader } from './markdown-tables';
import { LEADING_ID } from './task-ids';
import { startsTaskRow } from './task-row';

const LIST_TASK = /^(?:(?:✅|☑️|✔️|🔄|🔒|⏳|🆕)[ \t]*)?(?:\*\*)?/u;
const AFTER_ID = /^(?:\*\*)?[ \t]*[:—–-]/;

const startsWithId = (text: string): boolean => {
  const rest = text.slice(LIST_TASK.exec(text)?.[0].length ?? 0);
  const match = LEADING_ID.exec(rest);
  return match !== null && AFTER_ID.test(rest.slice((match[1] as string).length));
};

/**
 * True when a line starts something that declares a task (a task row, a `### B-1: ...` heading,
 * a top-level `- B-1 — ...` item). Used to stop an unclosed comment or a wrapped row from swallowing it.
 */
export const startsTask = (line: string, header: TableHeader | null): boolean => {
  const trimmed = line.trim();
  if (trimmed.startsWith('|')) return startsTaskRow(trimmed, header);
  const heading = headingOf(line);
  if (heading !== null) return LEADING_ID.test(heading.text.replace(/^\*\*/, ''));
  const item = listItemOf(line);
  return item !== null && item.indent <= 3 && startsWithId(item.content);
};
