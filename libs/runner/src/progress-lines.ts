const PROGRESS = /^::progress\s+(\d+(?:\.\d+)?|\.\d+)(?:\s+(.*?))?\s*$/;

/** Longest line looked at for `::progress`; longer lines are skipped. */
const MAX_LINE_CHARS = 4096;

/** `::progress <0..1> <message>` → progress and message; null for any other line or a value outside 0..1. */
export const parseProgressLine = (line: string): { progress: number; message: string | null } | null => {
  const match = PROGRESS.exec(line.replace(/\r$/, ''));
  if (!match) return null;
  const progress = Number(match[1]);
  if (!(progress >= 0 && progress <= 1)) return null;
  const message = match[2] ?? '';
  return { progress, message: message === '' ? null : message };
};

/** Splits a text stream into lines across chunks and passes each `::progress` line on. */
export const progressLineReader = (onProgress: (progress: number, message: string | null) => void) => {
  let pending = '';
  let skipping = false;
  const line = (text: string) => {
    const parsed = parseProgressLine(text);
    if (parsed) onProgress(parsed.progress, parsed.message);
  };
  return {
    push(chunk: string): void {
      const parts = (pending + chunk).split('\n');
      pending = parts.pop() ?? '';
      for (const part of parts) {
        if (!skipping) line(part);
        skipping = false;
      }
      if (pending.length > MAX_LINE_CHARS) {
        pending = '';
        skipping = true;
      }
    },
    end(): void {
      if (!skipping && pending !== '') line(pending);
      pending = '';
    },
  };
};
