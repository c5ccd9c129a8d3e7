/** Milliseconds for people: "406 ms", "2.3 s", "4 min 5 s", "2 h 10 min"; "—" when unknown. */
export const formatDuration = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
};

/** A rate between 0 and 1 as "80.0%"; "—" when unknown. */
export const formatPercent = (rate: number | null | undefined): string =>
  rate === null || rate === undefined || !Number.isFinite(rate) ? '—' : `${(rate * 100).toFixed(1)}%`;

/** An ISO time as "2026-12-07 22:28:56 UTC" (the ledger's clock is UTC); "—" when absent. */
export const formatTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
};

/** The backlog's priority icons, always shown with the word beside them. */
const PRIORITY_ICONS: Record<string, string> = { critical: '🔥', high: '📈', medium: '⭐', low: '🔧' };

export const priorityIcon = (priority: string): string => PRIORITY_ICONS[priority] ?? '·';

/** A symbol per execution status, so status never rests on colour alone. */
const STATUS_SYMBOLS: Record<string, string> = {
  pending: '○',
  running: '▶',
  retrying: '↻',
  completed: '✓',
  failed: '✕',
  skipped: '⤼',
  abandoned: '⌛',
};

export const statusSymbol = (status: string): string => STATUS_SYMBOLS[status] ?? '•';

/** "3 events" / "1 event". */
export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** Label of one attempt bar: "#2 failed (network) after 0.4 s, retried after 100 ms". */
export const attemptLabel = (attempt: {
  attempt: number;
  outcome: string;
  category: string | null;
  start: number;
  end: number | null;
  retryAt: number | null;
}): string => {
  const category = attempt.category ? ` (${attempt.category})` : '';
  const took = attempt.end === null ? ', still running' : ` after ${formatDuration(attempt.end - attempt.start)}`;
  const retry =
    attempt.retryAt !== null && attempt.end !== null
      ? `, retried after ${formatDuration(Math.max(0, attempt.retryAt - attempt.end))}`
      : '';
  return `#${attempt.attempt} ${attempt.outcome}${category}${took}${retry}`;
};
