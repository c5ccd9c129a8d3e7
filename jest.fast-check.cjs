// Jest setupFilesAfterEnv: every fast-check property runs from the seed jest.fast-check-seed.cjs
// settled (properties that pass their own `seed` keep it), and a failure says how to replay it.
const fc = require('fast-check');
const { existsSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

const seed = Number(process.env.FC_SEED);
if (process.env.FC_SEED === undefined || !Number.isInteger(seed)) {
  throw new Error('FC_SEED is not set: run Jest with a config made by jest.preset.cjs (its globalSetup sets it)');
}
const numRuns = process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : undefined;

/** The directory of the nearest jest.config.cjs above the test file: its project. */
const projectOf = (file) => {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'jest.config.cjs')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
};

const shellQuote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;
const regexQuote = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The command that runs this one test again with the same seed (and runs), so it fails the same way. */
const replayCommand = (runSeed) => {
  const { testPath, currentTestName } = expect.getState();
  const root = __dirname;
  const env = [`FC_SEED=${runSeed}`, ...(numRuns === undefined ? [] : [`FC_NUM_RUNS=${numRuns}`])].join(' ');
  const config = relative(root, join(projectOf(testPath), 'jest.config.cjs'));
  const test = currentTestName === undefined ? '' : ` -t ${shellQuote(regexQuote(currentTestName))}`;
  return `${env} npx jest -c ${config} ${relative(root, testPath)}${test}`;
};

function reporter(details) {
  if (!details.failed) return;
  const message = `${fc.defaultReportMessage(details)}\n\nReplay it from the repository root: ${replayCommand(details.seed)}`;
  const error = details.runConfiguration.includeErrorInReport
    ? new Error(message)
    : new Error(message, { cause: details.errorInstance });
  Error.captureStackTrace(error, reporter);
  throw error;
}

fc.configureGlobal({ seed, reporter, ...(numRuns === undefined ? {} : { numRuns }) });
