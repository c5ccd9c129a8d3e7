import { isTaskledgerError } from '@taskledger/errors';
import { TaskEvent, taskStream, toEnvelopes } from '@taskledger/events';
import { ExpectedRevision } from '@taskledger/event-store';
import {
  decide,
  DecisionContext,
  foldTaskState,
  initialState,
  TaskCommand,
  TaskEventInput,
  TaskState,
} from '@taskledger/execution';
import { notifyAppended, RunnerDeps, TaskEnvelope } from './runner-deps';

/** Conflicting appends survived before giving up (another writer keeps winning). */
const MAX_CONFLICTS = 25;

export type StreamDeps = Pick<RunnerDeps, 'eventStore' | 'decision' | 'clock' | 'newId' | 'identity' | 'observer'>;

/** Builds the command(s) for the state just folded; null when there is nothing (left) to do. */
export type CommandBuilder = (state: TaskState, now: Date) => TaskCommand | readonly TaskCommand[] | null;

/** Decides commands in turn, each on the state the previous one's events lead to. */
const decideAll = (commands: readonly TaskCommand[], state: TaskState, context: DecisionContext): TaskEvent[] => {
  const events: TaskEvent[] = [];
  let current = state;
  for (const command of commands) {
    const decided = decide(command, current, context);
    current = foldTaskState(decided, current);
    events.push(...decided);
  }
  return events;
};

/**
 * One task's stream as this runner sees it: the folded state and the revision it was folded
 * at. Every append uses that revision; on a ConcurrencyConflict the stream is read again and the
 * command built and decided again. Appends through one handle are serialised.
 */
export class TaskStreamHandle {
  private state: TaskState = initialState;
  private revision: ExpectedRevision = 'no_stream';
  private loaded = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: StreamDeps,
    readonly taskId: string,
  ) {}

  /** The state as last folded (no read). */
  get current(): TaskState {
    return this.state;
  }

  /** Reads the stream again and folds it. */
  refresh(): Promise<TaskState> {
    return this.serial(async () => (await this.load(), this.state));
  }

  /** Decides `build`'s command and appends its events; returns them ([] when nothing was appended). */
  apply(build: CommandBuilder): Promise<TaskEnvelope[]> {
    return this.serial(() => this.applyNow(build));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<void> {
    const events = await this.deps.eventStore.readStream(taskStream(this.taskId));
    this.state = foldTaskState(events as unknown as TaskEventInput[]);
    this.revision = events.at(-1)?.revision ?? 'no_stream';
    this.loaded = true;
  }

  private async applyNow(build: CommandBuilder): Promise<TaskEnvelope[]> {
    if (!this.loaded) await this.load();
    for (let conflicts = 0; ; conflicts++) {
      const now = this.deps.clock();
      const command = build(this.state, now);
      if (command === null) return [];
      const events = decideAll(
        Array.isArray(command) ? command : [command as TaskCommand],
        this.state,
        this.deps.decision,
      );
      if (events.length === 0) return [];
      const { newId, identity } = this.deps;
      const envelopes = toEnvelopes(events, {
        newId,
        now: () => now,
        correlationId: identity.correlationId,
        actor: identity.actor,
      });
      try {
        const result = await this.deps.eventStore.append(taskStream(this.taskId), envelopes, {
          expectedRevision: this.revision,
        });
        this.state = foldTaskState(envelopes, this.state);
        this.revision = result.nextExpectedRevision;
        notifyAppended(this.deps.observer, this.taskId, envelopes);
        return envelopes;
      } catch (error) {
        if (!isTaskledgerError(error, 'ConcurrencyConflict') || conflicts >= MAX_CONFLICTS) throw error;
        await this.load();
      }
    }
  }
}
