export type Priority = 'critical' | 'high' | 'medium' | 'low' | 'unknown';

export type BacklogStatus = 'todo' | 'in_progress' | 'done' | 'blocked' | 'unknown';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type JsonObject = { [key: string]: JsonValue };

/** One task as the backlog declares it, after all its sightings in the file were merged. */
export interface ParsedTask {
  /** Normalised ASCII id: `B-049`, `B-052-d`. */
  id: string;
  /** The id as first written (may contain U+2011 non-breaking hyphens). */
  rawId: string;
  title: string;
  priority: Priority;
  /** The priority icon or text as written (`🔥`, `⚙️`, `P0 (Critical)`), null when absent. */
  priorityIcon: string | null;
  points: number | null;
  backlogStatus: BacklogStatus;
  backlogStatusRaw: string | null;
  /** Problem/Outcome column or Description field. */
  description: string | null;
  techFootprint: string | null;
  /** Resolved task ids, in written order, without duplicates. */
  dependencies: string[];
  /** Dependencies that match no task id or title, as written (trimmed). */
  unresolvedDependencies: string[];
  scoreTotal: number | null;
  score: JsonObject | null;
  humanRequired: boolean;
  humanReason: string | null;
  defaultExecutor: string | null;
  /** From `<!-- run: ... -->`; data only, never executed by this library. */
  runCommand: string | null;
  estHours: number | null;
  completionDate: string | null;
  /**
   * Every other comment key, extra column and section field, by normalised snake_case key. A value
   * written as JSON (number, boolean, array, object) keeps its type. Limits, each reported as a
   * warning on the value's line: a value nested deeper than 32 arrays/objects is kept as the text
   * written (META_VALUE_TOO_DEEP); a value over 64 KiB of UTF-8 is dropped (META_VALUE_TOO_LARGE),
   * as is a `score` over that size.
   */
  meta: JsonObject;
  /** Where the task was first seen (1-based line). */
  source: { path: string; line: number };
}

/** A content problem found while parsing; parsing never throws for content problems. */
export interface ParseWarning {
  line: number;
  /** Stable UPPER_SNAKE identifier, see {@link WarningCode}. */
  code: WarningCode;
  message: string;
}

export type WarningCode =
  | 'INVALID_TASK_ID'
  | 'ROW_WITHOUT_ID'
  | 'EXTRA_LEADING_PIPE'
  | 'COLUMN_COUNT_MISMATCH'
  | 'ROW_INCOMPLETE'
  | 'UNCLOSED_COMMENT'
  | 'UNCLOSED_CODE_FENCE'
  | 'TASK_IN_CODE_BLOCK'
  | 'ORPHAN_METADATA'
  | 'INVALID_POINTS'
  | 'INVALID_SCORE'
  | 'INVALID_META_VALUE'
  | 'META_VALUE_TOO_DEEP'
  | 'META_VALUE_TOO_LARGE'
  | 'META_CONFLICT'
  | 'ID_COLLISION'
  | 'FIELD_CONFLICT'
  | 'UNRESOLVED_DEPENDENCY'
  | 'AMBIGUOUS_DEPENDENCY';

export interface ParseResult {
  tasks: ParsedTask[];
  warnings: ParseWarning[];
}
