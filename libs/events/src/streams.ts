/**
 * Stream names follow EventStoreDB's `$by_category` rule: the category is the text before
 * the first `-`, so category names themselves never contain a `-`.
 */
export const TASK_CATEGORY = 'task';
export const BACKLOG_CATEGORY = 'backlog';
/** Ledger-wide audit records, e.g. `ledger-checkpoints`; no read model handles them. */
export const LEDGER_CATEGORY = 'ledger';
export const CHECKPOINT_STREAM = `${LEDGER_CATEGORY}-checkpoints`;

export const taskStream = (taskId: string): string => `${TASK_CATEGORY}-${taskId}`;
export const backlogStream = (backlogId: string): string => `${BACKLOG_CATEGORY}-${backlogId}`;

/** The category of a stream: `task-B-049` → `task`. A stream without `-` is its own category. */
export const streamCategory = (streamName: string): string => {
  const dash = streamName.indexOf('-');
  return dash === -1 ? streamName : streamName.slice(0, dash);
};

/** The id part of a stream: `task-B-049` → `B-049`. */
export const streamId = (streamName: string): string => {
  const dash = streamName.indexOf('-');
  return dash === -1 ? '' : streamName.slice(dash + 1);
};
