import type { ParseWarning } from './backlog.types';
import { readComments, type CommentEntry } from './comment-metadata';
import {
  closesFence,
  fenceOf,
  headingOf,
  isSeparatorRow,
  isThematicBreak,
  listItemOf,
  startsComment,
  type Fence,
  type Heading,
} from './markdown-lines';
import { cellAt, headerFromCells, isTaskTable, STANDARD_HEADER, splitCells, type TableHeader } from './markdown-tables';
import { joinRow } from './row-joining';
import type { Sighting } from './sighting';
import { applyEntry } from './sighting-entries';
import { isInvalidIdLike, unwrapEmphasis } from './task-ids';
import { listItemSighting } from './task-list-items';
import { rowIdIn, rowSighting, taskHeaderFor } from './task-row';
import { fieldLineOf, headingSighting } from './task-sections';
import { startsTask } from './task-starts';

type ScopeMode = 'row' | 'section' | 'list';

/** The task that comments and field lines currently attach to. */
interface Scope {
  sighting: Sighting;
  mode: ScopeMode;
  level: number;
}

/** Comment keys that only make sense under a task; seeing them elsewhere is reported. */
const TASK_ONLY_KEYS = new Set([
  'score',
  'score_total',
  'human_required',
  'default_executor',
  'run',
  'est_hours',
  'progress',
  'do_next',
  'acceptance',
  'blocked_by',
  'completion_date',
  'implementation_notes',
]);

/** One linear pass over the lines: every line is looked at a bounded number of times. */
export class BacklogScanner {
  readonly sightings: Sighting[] = [];
  readonly warnings: ParseWarning[] = [];
  private header: TableHeader | null = null;
  private scope: Scope | null = null;
  private fence: { fence: Fence; line: number } | null = null;

  constructor(private readonly lines: readonly string[]) {}

  scan(): this {
    let index = 0;
    while (index < this.lines.length) index = this.step(index);
    if (this.fence !== null) {
      this.warn(
        this.fence.line,
        'UNCLOSED_CODE_FENCE',
        'code block is never closed; its content was not read as tasks',
      );
    }
    return this;
  }

  private warn(line: number, code: ParseWarning['code'], message: string): void {
    this.warnings.push({ line, code, message });
  }

  private step(index: number): number {
    const line = this.lines[index] as string;
    if (this.fence !== null) return this.insideFence(index, line);
    const trimmed = line.trim();
    if (trimmed === '') return index + 1;
    switch (trimmed.charCodeAt(0)) {
      case 0x3c /* < */:
        return startsComment(trimmed) ? this.comment(index) : this.other(line, trimmed, index);
      case 0x7c /* | */:
        return this.tableLine(index, trimmed);
      case 0x23 /* # */:
      case 0x60 /* ` */:
      case 0x7e /* ~ */:
        return this.blockStart(line, trimmed, index);
      default:
        return this.other(line, trimmed, index);
    }
  }

  /** A heading or a code fence (or plain text starting with `#`, `` ` ``, `~`). */
  private blockStart(line: string, trimmed: string, index: number): number {
    const fence = fenceOf(line);
    if (fence !== null) {
      this.fence = { fence, line: index + 1 };
      return index + 1;
    }
    const heading = headingOf(line);
    return heading !== null ? this.heading(heading, index) : this.other(line, trimmed, index);
  }

  private other(line: string, trimmed: string, index: number): number {
    if (isThematicBreak(trimmed)) this.scope = null;
    else this.textLine(line, index);
    return index + 1;
  }

  private insideFence(index: number, line: string): number {
    const open = this.fence as { fence: Fence; line: number };
    if (closesFence(line, open.fence)) this.fence = null;
    else if (startsTask(line, this.header)) {
      this.warn(
        index + 1,
        'TASK_IN_CODE_BLOCK',
        `looks like a task but is inside the code block opened at line ${open.line}; not read`,
      );
    }
    return index + 1;
  }

  private comment(index: number): number {
    const block = readComments(
      this.lines,
      index,
      (line) => startsComment(line.trim()) || startsTask(line, this.header),
    );
    if (!block.closed)
      this.warn(index + 1, 'UNCLOSED_COMMENT', `comment is not closed with --> before line ${block.endIndex + 2}`);
    for (const entry of block.entries) this.commentEntry(entry);
    return block.endIndex + 1;
  }

  private commentEntry(entry: CommentEntry): void {
    if (this.scope !== null)
      applyEntry(this.scope.sighting, entry.key, entry.value, entry.line, this.warnings, 'comment');
    else if (TASK_ONLY_KEYS.has(entry.key)) {
      this.warn(
        entry.line,
        'ORPHAN_METADATA',
        `${entry.rawKey} comment is not under any task row, section or list item; ignored`,
      );
    }
  }

  private heading(heading: Heading, index: number): number {
    this.header = null;
    const sighting = headingSighting(heading.text, index + 1, this.warnings);
    if (sighting !== null) this.open(sighting, 'section', heading.level);
    else if (this.scope?.mode !== 'section' || heading.level <= this.scope.level) this.scope = null;
    return index + 1;
  }

  private open(sighting: Sighting, mode: ScopeMode, level: number): void {
    this.sightings.push(sighting);
    this.scope = { sighting, mode, level };
  }

  private tableLine(index: number, trimmed: string): number {
    const next = this.lines[index + 1]?.trim();
    const header = taskHeaderFor(this.header);
    if (rowIdIn(trimmed, header) !== null) return this.taskRow(index, header);
    if (header !== STANDARD_HEADER && rowIdIn(trimmed, STANDARD_HEADER) !== null)
      return this.taskRow(index, STANDARD_HEADER);
    if (next !== undefined && isSeparatorRow(next)) {
      this.header = headerFromCells(splitCells(trimmed), index + 1);
      this.scope = null;
      return index + 2;
    }
    return this.otherRow(index, trimmed);
  }

  private taskRow(index: number, header: TableHeader): number {
    const joined = joinRow(this.lines, index, header.columns.length, (line) => startsTask(line, this.header));
    const sighting = rowSighting(joined.text, header, index + 1, this.warnings);
    if (!joined.closed) {
      this.warn(
        index + 1,
        'ROW_INCOMPLETE',
        `row is not closed with | before line ${joined.endIndex + 2}; read what was there`,
      );
    }
    if (sighting !== null) this.open(sighting, 'row', 0);
    else
      this.warn(
        index + 1,
        'ROW_WITHOUT_ID',
        'row lost its task id when its wrapped lines were joined; not read as a task',
      );
    return joined.endIndex + 1;
  }

  private otherRow(index: number, trimmed: string): number {
    this.scope = null;
    const first = unwrapEmphasis(cellAt(trimmed, 0) ?? '');
    if (isInvalidIdLike(first)) {
      this.warn(
        index + 1,
        'INVALID_TASK_ID',
        `${first} looks like a task id but is not one (expected e.g. B-049); row not read as a task`,
      );
    } else if (isTaskTable(this.header) && first !== '' && !/^:?-+:?$/.test(first)) {
      this.warn(
        index + 1,
        'ROW_WITHOUT_ID',
        `row "${first.slice(0, 40)}" in the task table at line ${this.header.line} has no task id; not read as a task`,
      );
    }
    return joinRow(this.lines, index, null, (line) => startsTask(line, this.header)).endIndex + 1;
  }

  private textLine(line: string, index: number): void {
    const item = listItemOf(line);
    const sighting =
      item !== null && item.indent <= 3 ? listItemSighting(item.content, index + 1, this.warnings) : null;
    if (sighting !== null) return this.open(sighting, 'list', 0);
    if (this.scope === null) return;
    if (this.scope.mode === 'row') {
      this.scope = null;
      return;
    }
    const field = fieldLineOf(line, this.scope.mode);
    if (field !== null) applyEntry(this.scope.sighting, field.key, field.value, index + 1, this.warnings, 'field');
  }
}
