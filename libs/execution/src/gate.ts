/** What the gate needs of a task definition. */
export interface GatedTask {
  /** Resolved dependency ids (unresolved dependency text is the backlog parser's warning, not a gate). */
  dependencies: readonly string[];
  humanRequired: boolean;
}

export type GateResult =
  | { run: true }
  | { run: false; reason: 'dependencies-unmet'; missing: string[]; message: string }
  | { run: false; reason: 'human-required'; missing: []; message: string };

/**
 * Whether a task may run now. `done` = ids declared done in the backlog or completed in the
 * ledger; `humanConfirmed` = `--yes` or a y/N prompt answered yes. Unmet dependencies come
 * first: confirming cannot make a task runnable before its dependencies are done.
 */
export const gate = (task: GatedTask, done: ReadonlySet<string>, humanConfirmed: boolean): GateResult => {
  const missing = [...new Set(task.dependencies)].filter((id) => !done.has(id));
  if (missing.length > 0) {
    return { run: false, reason: 'dependencies-unmet', missing, message: `waiting for ${missing.join(', ')}` };
  }
  if (task.humanRequired && !humanConfirmed) {
    return {
      run: false,
      reason: 'human-required',
      missing: [],
      message: 'needs a person: confirm with --yes or at the prompt',
    };
  }
  return { run: true };
};
