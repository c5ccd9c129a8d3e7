import { readFileSync } from 'node:fs';

/** Where a worker thread's time went: on a core, waiting for one, and in all (seconds). */
export interface ThreadTime {
  seconds: number;
  /** Null where the system does not say (Linux's /proc/thread-self/schedstat does). */
  cpuSeconds: number | null;
  /** Runnable but waiting for a core (the machine busy with other work); the rest is blocked (locks, disk). */
  runQueueSeconds: number | null;
}

const schedstat = (): [number, number] | null => {
  try {
    const [onCpu, waiting] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return onCpu === undefined || waiting === undefined ? null : [onCpu, waiting];
  } catch {
    return null;
  }
};

/** Starts timing the calling thread; the returned function says where its time went since. */
export const threadTimer = (): (() => ThreadTime) => {
  const started = performance.now();
  const before = schedstat();
  return () => {
    const after = schedstat();
    const seconds = (performance.now() - started) / 1000;
    if (!before || !after) return { seconds, cpuSeconds: null, runQueueSeconds: null };
    return { seconds, cpuSeconds: (after[0] - before[0]) / 1e9, runQueueSeconds: (after[1] - before[1]) / 1e9 };
  };
};
