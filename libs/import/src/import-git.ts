import { TaskledgerError, isTaskledgerError } from '@taskledger/errors';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';

import { backlogStream } from '@taskledger/events';
import { EventStore } from '@taskledger/event-store';
import { backlogIdFor, recordBacklog } from '@taskledger/intake';
import { derivedEventId } from './derived-id';
import { withDerivedIds } from './derived-id-store';
import { GitBlobReader } from './git-blobs';
import { FileCommit, fileCommits, openRepository } from './git-repo';
import { cachingStreamReads } from './stream-cache';
import { recordUnreadableVersion } from './unreadable-version';

export interface GitImportOptions {
  /** The repository folder. */
  repo: string;
  /** The backlog's path in the repository now (older names are followed). */
  path: string;
  /** Branch or commit to read; default HEAD. */
  branch?: string;
  /** Only commits after this date (any form `git log --since` takes, e.g. 2025-01-31). */
  since?: string;
  /** The working directory: the backlog id is the file's path relative to it, as `parse` names it. */
  cwd: string;
  onProgress?: (done: number, total: number) => void;
}

export interface GitImportWarning {
  commit: string;
  message: string;
}

export interface GitImportSummary {
  repo: string;
  path: string;
  backlogId: string;
  /** Commits that touched the file. */
  commits: number;
  /** Commits recorded now. */
  imported: number;
  /** Commits an earlier import already recorded. */
  alreadyImported: number;
  /** Events appended now. */
  events: number;
  /** Parser warnings over the recorded versions. */
  parseWarnings: number;
  /** Commits whose file is no text backlog (recorded, changing no task) or whose date was moved up to keep log order. */
  warnings: GitImportWarning[];
}

const parsedIdOf = (commit: FileCommit, backlogId: string): string =>
  derivedEventId(`git:${commit.hash}:${backlogId}:${backlogStream(backlogId)}:BacklogParsed`);

/** Refuses when `parse` already recorded this backlog live: older versions would land after newer ones. */
const checkNoLiveParses = async (
  store: EventStore,
  backlogId: string,
): Promise<{ ids: Set<string>; lastAt: string | null }> => {
  const history = await store.readStream(backlogStream(backlogId));
  const live = history.find((event) => !event.metadata.actor.startsWith('git:'));
  if (live) {
    throw new TaskledgerError(
      'InvalidArgument',
      `the ledger already has parses of ${backlogId} (first ${live.metadata.occurredAt}); git history is older ` +
        'and must come first: import it into a new ledger (TASKLEDGER_EVENT_STORE), then parse',
    );
  }
  return {
    ids: new Set(history.map((event) => event.id)),
    lastAt: history[history.length - 1]?.metadata.occurredAt ?? null,
  };
};

/**
 * The versions already recorded must be a prefix of this history: a ledger holding newer versions
 * than commits still to import (an earlier `--since`), or versions from commits not on this
 * branch (another branch, rewritten history), is refused before anything is appended.
 */
const checkContinues = (commits: readonly FileCommit[], ids: ReadonlySet<string>, backlogId: string, rev: string) => {
  const done = commits.map((commit) => ids.has(parsedIdOf(commit, backlogId)));
  const firstMissing = done.indexOf(false);
  const missing = commits[firstMissing];
  if (missing !== undefined && done.slice(firstMissing).some(Boolean)) {
    throw new TaskledgerError(
      'InvalidArgument',
      `commit ${missing.hash} is older than versions the ledger already holds of ${backlogId} ` +
        '(an earlier import with --since?): versions older than the ones it holds cannot go behind them; ' +
        'use the same --since, or import into a new ledger',
    );
  }
  if (ids.size > done.filter(Boolean).length) {
    throw new TaskledgerError(
      'InvalidArgument',
      `the ledger holds versions of ${backlogId} from commits that are not on ${rev} (another branch, or rewritten ` +
        'history); import that branch again, or into a new ledger',
    );
  }
};

const sinceChecked = (since: string | undefined): string | undefined => {
  if (since !== undefined && Number.isNaN(Date.parse(since))) {
    throw new TaskledgerError('InvalidArgument', `--since "${since}" is not a date; use a form like 2025-01-31`);
  }
  return since;
};

/**
 * Records every version of a backlog file in a repository's history as `parse` would have at
 * its commit: registered, changed and removed tasks and BacklogParsed, at the commit time, by
 * `git:<author email>`, with the commit in the correlation id (`git:<hash>`). A deleted file is
 * recorded as an empty one. Commits already recorded (by their BacklogParsed id) are skipped,
 * so importing again appends nothing and an interrupted import is continued.
 */
export const importGitHistory = async (store: EventStore, options: GitImportOptions): Promise<GitImportSummary> => {
  const since = sinceChecked(options.since);
  const repo = resolve(options.cwd, options.repo);
  const rev = openRepository(repo, options.branch);
  const commits = fileCommits(repo, rev, options.path, since);
  if (commits.length === 0) {
    throw new TaskledgerError(
      'InvalidArgument',
      `${options.path} was never committed on ${options.branch ?? 'HEAD'} of ${repo}${since ? ` since ${since}` : ''}; ` +
        'pass --path with the backlog file relative to the repository',
    );
  }
  const backlogId = backlogIdFor(resolve(repo, options.path), options.cwd);
  const recorded = await checkNoLiveParses(store, backlogId);
  checkContinues(commits, recorded.ids, backlogId, options.branch ?? 'HEAD');
  let lastAt = recorded.lastAt === null ? 0 : Date.parse(recorded.lastAt);
  const summary: GitImportSummary = {
    repo,
    path: options.path,
    backlogId,
    commits: commits.length,
    imported: 0,
    alreadyImported: 0,
    events: 0,
    parseWarnings: 0,
    warnings: [],
  };
  const target = {
    store: cachingStreamReads(store),
    blobs: new GitBlobReader(repo),
    repo,
    backlogId,
    cwd: options.cwd,
  };
  try {
    for (const [index, commit] of commits.entries()) {
      if (recorded.ids.has(parsedIdOf(commit, backlogId))) summary.alreadyImported += 1;
      else {
        const at = inLogOrder(commit, lastAt, summary);
        await recordCommit(target, { ...commit, committedAt: at.toISOString() }, summary);
      }
      lastAt = Math.max(lastAt, Date.parse(commit.committedAt));
      options.onProgress?.(index + 1, commits.length);
    }
  } finally {
    target.blobs.close();
  }
  return summary;
};

/**
 * Read models fold events in log order, so each version is recorded no earlier than the one
 * before it: a commit dated before its predecessor (a skewed clock) keeps the predecessor's time,
 * with a warning naming it.
 */
const inLogOrder = (commit: FileCommit, lastAt: number, summary: GitImportSummary): Date => {
  const committed = Date.parse(commit.committedAt);
  if (committed >= lastAt) return new Date(committed);
  summary.warnings.push({
    commit: commit.hash,
    message: `dated ${commit.committedAt}, before the version recorded before it; recorded at ${new Date(lastAt).toISOString()}`,
  });
  return new Date(lastAt);
};

interface CommitTarget {
  store: EventStore;
  blobs: GitBlobReader;
  repo: string;
  backlogId: string;
  cwd: string;
}

const recordCommit = async (
  { store, blobs, repo, backlogId, cwd }: CommitTarget,
  commit: FileCommit,
  summary: GitImportSummary,
): Promise<void> => {
  const content = commit.deleted ? new Uint8Array() : await blobs.read(commit.hash, commit.path);
  const context = {
    newId: randomUUID,
    now: () => new Date(commit.committedAt),
    correlationId: `git:${commit.hash}`,
    causationId: null,
    actor: `git:${commit.authorEmail || 'unknown'}`,
    cwd,
  };
  const derived = withDerivedIds(store, `git:${commit.hash}:${backlogId}`);
  const path = resolve(repo, commit.path);
  try {
    const intake = await recordBacklog(derived, { path, content, backlogId }, context);
    summary.imported += 1;
    summary.events += intake.registered.length + intake.changed.length + intake.removed.length + 1;
    summary.parseWarnings += intake.warnings.length;
  } catch (error) {
    if (!isTaskledgerError(error)) throw error;
    await recordUnreadableVersion(derived, { backlogId, path, content, error }, context);
    summary.imported += 1;
    summary.events += 1;
    summary.warnings.push({ commit: commit.hash, message: `${commit.path}: ${error.message}` });
  }
};
