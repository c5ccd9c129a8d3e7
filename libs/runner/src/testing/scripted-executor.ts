import type { AttemptRequest, AttemptResult, Executor } from '../executor.port';
import type { VirtualClock } from './virtual-clock';

/** How one scripted attempt behaves, in virtual time. */
export interface ScriptedAttempt {
  /** How long the process would run; past the request's timeout it is killed (timedOut). */
  durationMs: number;
  /** Default 0. */
  exitCode?: number;
  stderr?: string;
  /** `::progress` lines: [ms after start, value, message]. */
  progress?: readonly (readonly [number, number, string | null])[];
  /** The process cannot start: a spawn error code such as ENOENT. */
  spawnError?: string;
}

/** An attempt as the executor received it. */
export interface ScriptedCall {
  taskId: string;
  attempt: number;
  request: AttemptRequest;
  startedAt: Date;
}

const exited = (overrides: Partial<Extract<AttemptResult, { kind: 'exited' }>>): AttemptResult => ({
  kind: 'exited',
  exitCode: 0,
  signal: null,
  timedOut: false,
  interrupted: false,
  durationMs: 0,
  stdoutTail: '',
  stderrTail: '',
  ...overrides,
});

const play = async (clock: VirtualClock, plan: ScriptedAttempt, request: AttemptRequest): Promise<AttemptResult> => {
  const start = clock.now();
  const runsFor = Math.min(plan.durationMs, request.timeoutMs ?? Infinity);
  for (const [atMs, value, message] of plan.progress ?? []) {
    if (atMs >= runsFor) break;
    await clock.sleep(atMs - clock.elapsedSince(start), request.signal);
    if (request.signal?.aborted) break;
    request.onProgress?.(value, message);
  }
  await clock.sleep(runsFor - clock.elapsedSince(start), request.signal);
  const durationMs = clock.elapsedSince(start);
  if (request.signal?.aborted) return exited({ exitCode: null, signal: 'SIGTERM', interrupted: true, durationMs });
  if (plan.durationMs > runsFor) return exited({ exitCode: null, signal: 'SIGTERM', timedOut: true, durationMs });
  return exited({ exitCode: plan.exitCode ?? 0, durationMs, stderrTail: plan.stderr ?? '' });
};

/**
 * A fake executor for unit tests: each attempt follows `script(taskId, attempt)` in the
 * clock's virtual time (timeouts and aborts included). `calls` lists what it was asked to run.
 */
export const scriptedExecutor = (clock: VirtualClock, script: (taskId: string, attempt: number) => ScriptedAttempt) => {
  const calls: ScriptedCall[] = [];
  const executor: Executor = {
    run: async (request) => {
      const taskId = request.env['TASKLEDGER_TASK_ID'] ?? '';
      const attempt = Number(request.env['TASKLEDGER_ATTEMPT'] ?? 0);
      calls.push({ taskId, attempt, request, startedAt: clock.now() });
      const plan = script(taskId, attempt);
      if (plan.spawnError)
        return { kind: 'spawn-failed', code: plan.spawnError, message: `spawn ${plan.spawnError}`, durationMs: 0 };
      return play(clock, plan, request);
    },
  };
  return { executor, calls };
};
