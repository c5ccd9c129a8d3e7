import { RuntimeProgress } from '@taskledger/projection-runtime';

/** Renders `label  1,234 / 10,000 events  12,345 ev/s  ETA 3 s`. */
export const formatProgress = (label: string, progress: RuntimeProgress): string => {
  const remaining = Math.max(progress.total - progress.processed, 0);
  const eta = progress.eventsPerSecond > 0 ? `ETA ${Math.ceil(remaining / progress.eventsPerSecond)} s` : 'ETA -';
  const width = 24;
  const done = progress.total > 0 ? Math.min(progress.processed / progress.total, 1) : 1;
  const bar = '#'.repeat(Math.round(done * width)).padEnd(width, '.');
  const count = (n: number) => n.toLocaleString('en-US');
  return `${label} [${bar}] ${count(progress.processed)} / ${count(progress.total)} events  ${count(progress.eventsPerSecond)} ev/s  ${eta}`;
};

/**
 * A progress reporter for stderr: redraws one line on a TTY, otherwise prints a line at most
 * every `everyMs`. Silent for work too small to matter (fewer than `minEvents`).
 */
export const progressReporter = (
  stream: { write(text: string): unknown; isTTY?: boolean },
  label: string,
  options: { minEvents?: number; everyMs?: number } = {},
) => {
  let last = 0;
  let shown = false;
  const minEvents = options.minEvents ?? 5000;
  return {
    update(progress: RuntimeProgress) {
      if (progress.total < minEvents) return;
      const now = Date.now();
      if (now - last < (stream.isTTY ? 100 : (options.everyMs ?? 2000)) && progress.processed < progress.total) return;
      last = now;
      shown = true;
      stream.write(stream.isTTY ? `\r${formatProgress(label, progress)}` : `${formatProgress(label, progress)}\n`);
    },
    done() {
      if (shown && stream.isTTY) stream.write('\n');
    },
  };
};
