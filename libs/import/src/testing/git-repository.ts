import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A real git repository in `dir` for tests, committing at fixed times (GIT_AUTHOR_DATE / GIT_COMMITTER_DATE). */
export const testRepository = (dir: string) => {
  mkdirSync(dir, { recursive: true });
  let time = Date.parse('2025-01-01T10:00:00Z');
  const git = (...args: string[]): string => {
    const date = new Date(time).toISOString();
    const result = spawnSync('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        GIT_AUTHOR_NAME: 'Ada',
        GIT_AUTHOR_EMAIL: 'ada@example.com',
        GIT_COMMITTER_NAME: 'Ada',
        GIT_COMMITTER_EMAIL: 'ada@example.com',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
      },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout.trim();
  };
  git('init', '-q', '-b', 'main');
  const repo = {
    dir,
    git,
    /** Commit time of the next commit (each commit moves the clock one hour on). */
    get nextTime(): string {
      return new Date(time).toISOString();
    },
    /** Sets the clock of the next commit (e.g. back, as a skewed machine would). */
    setTime(iso: string) {
      time = Date.parse(iso);
      return repo;
    },
    write(path: string, content: string) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
      return repo;
    },
    remove(path: string) {
      rmSync(join(dir, path));
      return repo;
    },
    /** Commits each content as a version of `path` on main, one hour apart, in one `git fast-import`. */
    commitVersions(path: string, versions: readonly string[]) {
      const chunks = versions.map((content, index) => {
        const seconds = Math.floor(time / 1000) + index * 3600;
        const message = `version ${index + 1}`;
        return (
          `commit refs/heads/main\nauthor Ada <ada@example.com> ${seconds} +0000\n` +
          `committer Ada <ada@example.com> ${seconds} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n` +
          `M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`
        );
      });
      time += versions.length * 3_600_000;
      const result = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join('') });
      if (result.status !== 0) throw new Error(`git fast-import failed: ${result.stderr}`);
      git('reset', '-q', '--hard', 'main');
    },
    /** Commits everything in the work tree; returns the commit hash. */
    commit(message: string): string {
      git('add', '-A');
      git('commit', '-q', '-m', message);
      time += 3_600_000;
      return git('rev-parse', 'HEAD');
    },
  };
  return repo;
};

const HEADER =
  '| ID | Title | 🔥P | 🎯Points | Status | Problem/Outcome | Tech Footprint | Dependencies |\n|---|---|---|---|---|---|---|---|\n';

/** A small backlog with one row per [id, title]. */
export const backlogText = (...rows: Array<[string, string]>): string =>
  `# Backlog\n\n${HEADER}${rows.map(([id, title]) => `| ${id} | ${title} | 🔥 | 3 | todo | Outcome | Node | None |\n`).join('')}`;
