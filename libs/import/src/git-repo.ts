import { TaskledgerError } from '@taskledger/errors';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

/** One commit that touched the backlog file, as `git log --follow` lists it. */
export interface FileCommit {
  hash: string;
  /** Committer time, ISO with offset. */
  committedAt: string;
  authorEmail: string;
  /** The file's path in the repository at this commit (renames followed). */
  path: string;
  /** The commit deleted the file. */
  deleted: boolean;
}

const MAX_OUTPUT = 512 * 1024 * 1024;

const invalid = (message: string): TaskledgerError => new TaskledgerError('InvalidArgument', message);

/** Runs git with an argument array (never a shell string) in `repo`; null output on failure, with stderr. */
const git = (repo: string, args: readonly string[]): { ok: boolean; stdout: Buffer; stderr: string } => {
  const result = spawnSync('git', ['-C', repo, ...args], {
    maxBuffer: MAX_OUTPUT,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw invalid('git is not installed (or not on PATH); install git to import history');
    throw result.error;
  }
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString('utf8').trim() };
};

const firstLine = (text: string): string => text.split('\n')[0] ?? '';

/** Checks that `repo` is a complete (not shallow) git repository and resolves the revision to read. */
export const openRepository = (repo: string, branch: string | undefined): string => {
  if (!existsSync(repo) || !statSync(repo).isDirectory()) {
    throw invalid(`${repo} is not a folder; pass the folder of a git repository`);
  }
  const gitDir = git(repo, ['rev-parse', '--git-dir']);
  if (!gitDir.ok) throw invalid(`${repo} is not a git repository (${firstLine(gitDir.stderr)}); pass a git clone`);
  if (git(repo, ['rev-parse', '--is-shallow-repository']).stdout.toString().trim() === 'true') {
    throw invalid(`${repo} is a shallow clone: its history is cut; run "git fetch --unshallow" there first`);
  }
  const rev = branch ?? 'HEAD';
  const resolved = git(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (!resolved.ok) {
    throw invalid(
      branch === undefined ? `${repo} has no commits yet` : `--branch "${branch}" is not a branch or commit of ${repo}`,
    );
  }
  return resolved.stdout.toString().trim();
};

const parseRecord = (record: string): FileCommit | null => {
  const [header, ...rest] = record.split('\n');
  const [hash, committedAt, authorEmail] = (header ?? '').split('\x1f');
  if (!hash || !committedAt) return null;
  const change = rest.find((line) => /^[ACDMRT]\d*\t/.test(line));
  const fields = change?.split('\t') ?? [];
  return {
    hash,
    committedAt,
    authorEmail: authorEmail ?? '',
    path: fields[fields.length - 1] ?? '',
    deleted: fields[0] === 'D',
  };
};

/**
 * The commits of the revision's first-parent line that touched `path`, oldest first, following
 * renames (`git log --follow`). A merge counts with its change against the first parent.
 */
export const fileCommits = (repo: string, rev: string, path: string, since?: string): FileCommit[] => {
  const args = ['log', '--first-parent', '--follow', '-M', '--name-status', '--format=%x1e%H%x1f%cI%x1f%ae'];
  if (since !== undefined) args.push(`--since=${since}`);
  const log = git(repo, [...args, rev, '--', path]);
  if (!log.ok) throw invalid(`git log of ${path} in ${repo} failed: ${firstLine(log.stderr)}`);
  const commits = log.stdout
    .toString('utf8')
    .split('\x1e')
    .map((record) => parseRecord(record.trim()))
    .filter((commit): commit is FileCommit => commit !== null)
    .map((commit) => ({ ...commit, path: commit.path || path }));
  return commits.reverse();
};
