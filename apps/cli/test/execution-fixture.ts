import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ledger, startCli } from './execution-cli';
import { workDir } from './run-cli';

export interface FixtureTask {
  id: string;
  title?: string;
  /** 🔥 critical, 📈 high, ⭐ medium, 🔧 low. Default ⭐. */
  icon?: string;
  dependencies?: string[];
  humanRequired?: boolean;
}

const row = (task: FixtureTask): string[] => [
  `| ${task.id} | ${task.title ?? `Task ${task.id}`} | ${task.icon ?? '⭐'} | 1 | todo | Outcome of ${task.id} | Node script | ${task.dependencies?.join(', ') || 'None'} |`,
  ...(task.humanRequired ? ['<!-- human_required: true -->'] : []),
];

/** Helpers shared by every task script the tests write: a run counter in the scratch dir, sleep, progress. */
const PRELUDE = `
const fs = require('node:fs');
const path = require('node:path');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const runCount = () => {
  const file = path.join(process.env.TASKLEDGER_SCRATCH_DIR, 'runs');
  const count = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0) + 1;
  fs.writeFileSync(file, String(count));
  return count;
};
`;

/** A scratch project for `run` / `execute` / `report`: task scripts, a backlog, a config, the ledger. */
export const executionWorkspace = (label: string) => {
  const dir = workDir(label);
  mkdirSync(join(dir.path, 'tasks'), { recursive: true });
  return {
    path: dir.path,
    remove: dir.remove,
    /** Writes tasks/<name>.js (with the shared prelude) and returns its argv. */
    script: (name: string, body: string): string[] => {
      writeFileSync(join(dir.path, 'tasks', `${name}.js`), `'use strict';\n${PRELUDE}\n${body}\n`);
      return [process.execPath, `tasks/${name}.js`];
    },
    backlog: (tasks: FixtureTask[], file = 'backlog.md') => {
      const lines = [
        '# Backlog',
        '',
        '| ID | Title | 🔥P | 🎯Points | Status | Problem/Outcome | Tech Footprint | Dependencies |',
        '|---|---|---|---|---|---|---|---|',
      ];
      writeFileSync(join(dir.path, file), [...lines, ...tasks.flatMap(row), ''].join('\n'));
      return file;
    },
    config: (config: unknown) =>
      writeFileSync(join(dir.path, 'taskledger.config.json'), JSON.stringify(config, null, 2)),
    cli: (args: string[]) => cli(args, { cwd: dir.path }),
    start: (args: string[]) => startCli(args, { cwd: dir.path }),
    ledger: () => ledger(join(dir.path, '.taskledger', 'ledger.db')),
  };
};
