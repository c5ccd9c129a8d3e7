import type { ParsedTask, ParseWarning } from './backlog.types';
import type { TaskDraft } from './sightings-merge';
import { normaliseTitle } from './task-fields';
import { LEADING_ID, normaliseTaskId } from './task-ids';

type Resolution = { id: string } | { unresolved: 'unknown' | 'ambiguous' };

/** Lookup of every task by id and by normalised title. */
export class TaskIndex {
  private readonly ids = new Set<string>();
  private readonly titles = new Map<string, string[]>();

  constructor(tasks: ReadonlyArray<{ id: string; title: string }>) {
    for (const task of tasks) {
      this.ids.add(task.id);
      const key = normaliseTitle(task.title);
      if (key === '') continue;
      const ids = this.titles.get(key) ?? [];
      if (!ids.includes(task.id)) ids.push(task.id);
      this.titles.set(key, ids);
    }
  }

  byTitle(text: string): Resolution {
    const plain = normaliseTitle(text);
    const ids = this.titles.get(plain) ?? this.titles.get(normaliseTitle(text.replace(/\s*\([^()]*\)\s*$/, '')));
    if (ids === undefined || ids.length === 0) return { unresolved: 'unknown' };
    return ids.length === 1 ? { id: ids[0] as string } : { unresolved: 'ambiguous' };
  }

  /** `B-060`, `B-060 Documentation ...`, `B-1060 (Gates)` resolve by id; anything else by exact normalised title. */
  resolve(written: string): Resolution {
    const text = /^[*_`]/.test(written) ? written.replace(/^[*_`]+/, '') : written;
    const match = LEADING_ID.exec(text);
    if (match) {
      const id = normaliseTaskId(match[1] as string);
      if (this.ids.has(id)) return { id };
      const rest = text.slice((match[1] as string).length).replace(/^[\s:—–-]+/, '');
      return rest === '' ? { unresolved: 'unknown' } : this.byTitle(rest);
    }
    return this.byTitle(written);
  }
}

const warningFor = (task: ParsedTask, text: string, line: number, kind: 'unknown' | 'ambiguous'): ParseWarning => ({
  line,
  code: kind === 'ambiguous' ? 'AMBIGUOUS_DEPENDENCY' : 'UNRESOLVED_DEPENDENCY',
  message:
    kind === 'ambiguous'
      ? `${task.rawId}: dependency "${text}" matches the titles of several tasks; kept unresolved`
      : `${task.rawId}: dependency "${text}" matches no task id or title; kept unresolved`,
});

/** Appends unless present; long lists get a Set so a pathological cell stays linear. */
const appender = (list: string[], expected: number): ((item: string) => boolean) => {
  const seen = expected > 16 ? new Set(list) : null;
  return (item) => {
    if (seen ? seen.has(item) : list.includes(item)) return false;
    seen?.add(item);
    list.push(item);
    return true;
  };
};

/** Resolves every draft's written dependencies to task ids (written order, no duplicates). */
export const resolveDependencies = (drafts: readonly TaskDraft[], warnings: ParseWarning[]): ParsedTask[] => {
  const index = new TaskIndex(drafts.map((draft) => draft.task));
  return drafts.map(({ task, written }) => {
    if (written === null) return task;
    const resolved = appender(task.dependencies, written.dependencies.length);
    const unresolved = appender(task.unresolvedDependencies, written.dependencies.length);
    written.dependencies.forEach((text, i) => {
      const resolution = index.resolve(text);
      if ('id' in resolution) resolved(resolution.id);
      else if (unresolved(text))
        warnings.push(warningFor(task, text, written.dependencyLines[i] as number, resolution.unresolved));
    });
    return task;
  });
};
