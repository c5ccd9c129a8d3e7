import type { RunObserver, TaskEnvelope } from '@taskledger/runner';
import { eventLine, formatDuration, percent } from './run-format';

type Output = { write(text: string): unknown; isTTY?: boolean };

interface LiveTask {
  attempt: number;
  startedAt: number;
  progress: number | null;
  message: string | null;
  /** Set while the task waits for its next attempt. */
  retryAt: number | null;
}

const BAR = 10;
const elapsed = (ms: number): string =>
  ms < 60_000 ? `${(Math.max(0, ms) / 1_000).toFixed(1)} s` : formatDuration(ms);
const bar = (value: number): string => `[${'#'.repeat(Math.round(value * BAR)).padEnd(BAR, '.')}]`;

/** What the live block shows for a task: attempt, elapsed time, progress, or the wait for a retry. */
const liveLine = (taskId: string, task: LiveTask, now: number, idWidth: number): string => {
  const id = `  ${taskId.padEnd(idWidth)}  `;
  if (task.retryAt !== null)
    return `${id}waiting    attempt ${task.attempt + 1} in ${formatDuration(Math.max(0, task.retryAt - now))}`;
  const progress = task.progress === null ? '' : `  ${bar(task.progress)} ${percent(task.progress)}`;
  return `${id}running    attempt ${task.attempt}  ${elapsed(now - task.startedAt)}${progress}${task.message ? `  ${task.message}` : ''}`;
};

const track = (live: Map<string, LiveTask>, taskId: string, event: TaskEnvelope): void => {
  const task = live.get(taskId);
  switch (event.type) {
    case 'TaskExecutionStarted':
      live.set(taskId, {
        attempt: event.data.attempt,
        startedAt: Date.parse(event.metadata.occurredAt),
        progress: null,
        message: null,
        retryAt: null,
      });
      break;
    case 'TaskProgressReported':
      if (task) Object.assign(task, { progress: event.data.progress, message: event.data.message });
      break;
    case 'TaskRetryScheduled':
      if (task && event.data.reason !== 'interrupted') task.retryAt = Date.parse(event.data.notBefore);
      else live.delete(taskId);
      break;
    case 'TaskExecutionCompleted':
    case 'TaskExecutionFailed':
    case 'TaskSkipped':
      live.delete(taskId);
      break;
  }
};

export interface RunDisplay extends RunObserver {
  start(): void;
  stop(): void;
  /** Takes the live block off the screen while `work` (a prompt) runs. */
  pause<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Shows a run as it goes: a log line per event (plain, so it reads well in CI logs) and, on a
 * TTY, a live block under them with one status line per running task, redrawn ten times a second.
 */
class LiveDisplay implements RunDisplay {
  private readonly live = new Map<string, LiveTask>();
  private readonly tty: boolean;
  private drawn = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Lines held back while a prompt is on screen. */
  private held: [Output, string][] | null = null;

  constructor(
    private readonly out: Output,
    private readonly err: Output,
    private readonly options: { quiet: boolean; idWidth: number },
  ) {
    this.tty = Boolean(out.isTTY) && !options.quiet;
  }

  appended(taskId: string, events: readonly TaskEnvelope[]): void {
    for (const event of events) {
      track(this.live, taskId, event);
      const line = this.options.quiet ? null : eventLine(taskId, event, this.options.idWidth, !this.tty);
      if (line !== null) this.print(this.out, `${line}\n`);
    }
  }

  warning(message: string): void {
    this.print(this.err, `warning: ${message}\n`);
  }

  start(): void {
    if (this.tty && this.timer === null) this.timer = setInterval(() => this.draw(), 100);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.clear();
  }

  async pause<T>(work: () => Promise<T>): Promise<T> {
    const running = this.timer !== null;
    this.stop();
    this.held = [];
    try {
      return await work();
    } finally {
      const held = this.held;
      this.held = null;
      held.forEach(([stream, text]) => stream.write(text));
      if (running) this.start();
    }
  }

  private print(stream: Output, text: string): void {
    if (this.held) return void this.held.push([stream, text]);
    this.clear();
    stream.write(text);
    this.draw();
  }

  private clear(): void {
    if (this.drawn > 0) this.out.write(`\x1b[${this.drawn}A\x1b[0J`);
    this.drawn = 0;
  }

  private draw(): void {
    if (this.timer === null) return;
    this.clear();
    const now = Date.now();
    const lines = [...this.live].map(([taskId, task]) => liveLine(taskId, task, now, this.options.idWidth));
    if (lines.length > 0) this.out.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }
}

export const runDisplay = (out: Output, err: Output, options: { quiet: boolean; idWidth?: number }): RunDisplay =>
  new LiveDisplay(out, err, { quiet: options.quiet, idWidth: options.idWidth ?? 6 });
