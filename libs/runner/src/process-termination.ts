import type { ChildProcess } from 'node:child_process';
import { LongTimer, setLongTimeout } from './long-timer';

/** Sends a signal to the process's group (it was spawned detached), else to the process alone. */
export const signalProcess = (child: ChildProcess, signal: NodeJS.Signals): void => {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
  } catch {
    child.kill(signal);
  }
};

/**
 * Stops a process politely, then firmly: SIGTERM to its process group at once, SIGKILL after
 * `graceMs` if it is still there. Calling `start` again does nothing; `cancel` when it exits.
 */
export const terminator = (child: ChildProcess, graceMs: number) => {
  let started = false;
  let killTimer: LongTimer | null = null;
  return {
    start(): void {
      if (started) return;
      started = true;
      signalProcess(child, 'SIGTERM');
      killTimer = setLongTimeout(() => signalProcess(child, 'SIGKILL'), graceMs);
    },
    cancel(): void {
      killTimer?.cancel();
    },
  };
};
