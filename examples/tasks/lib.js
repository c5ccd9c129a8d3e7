'use strict';
// Small helpers the example tasks share. Every task gets TASKLEDGER_TASK_ID, TASKLEDGER_ATTEMPT
// and TASKLEDGER_SCRATCH_DIR from the runner; the scratch directory survives between attempts.
const fs = require('node:fs');
const path = require('node:path');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A line the runner turns into a TaskProgressReported event. */
const progress = (value, message) => console.log(`::progress ${value} ${message}`);

/** Counts how often this task ran, in a file of its scratch directory. */
const bumpCounter = (name) => {
  const dir = process.env.TASKLEDGER_SCRATCH_DIR || '.';
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const count = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0) + 1;
  fs.writeFileSync(file, String(count));
  return count;
};

/** Reports progress in `steps` steps over `ms` milliseconds. */
const work = async (ms, steps, label) => {
  for (let step = 1; step <= steps; step++) {
    await sleep(ms / steps);
    progress((step / steps).toFixed(2), `${label} ${step}/${steps}`);
  }
};

module.exports = { sleep, progress, bumpCounter, work };
