// Jest globalSetup: settles the fast-check seed once per Jest run, before any worker starts, so
// every test file of the run uses the same one (jest.fast-check.cjs reads it from FC_SEED).
//   FC_SEED unset        the fixed default: `npm test` runs the same cases every time
//   FC_SEED=<integer>    that seed, to replay a failure
//   FC_SEED=random       a new seed, printed here (npm run test:soak)
//   FC_NUM_RUNS=<n>      runs per property that does not set its own numRuns (fast-check's default is 100)
const DEFAULT_SEED = 20240611;

const usageError = (setting, value, expected) =>
  new Error(`${setting}=${JSON.stringify(value)} is not valid: set it to ${expected}, or unset it`);

const resolveSeed = (value) => {
  if (value === undefined || value === '') return DEFAULT_SEED;
  if (value === 'random') {
    const seed = Math.floor(Math.random() * 2 ** 31);
    process.stdout.write(`fast-check: random seed ${seed} (replay a failure with FC_SEED=${seed})\n`);
    return seed;
  }
  const seed = Number(value);
  if (/^-?\d+$/.test(value) && seed === (seed | 0)) return seed;
  throw usageError('FC_SEED', value, 'an integer from -2147483648 to 2147483647, or "random"');
};

module.exports = async () => {
  process.env.FC_SEED = String(resolveSeed(process.env.FC_SEED));
  const runs = process.env.FC_NUM_RUNS;
  if (runs !== undefined && runs !== '' && !/^[1-9]\d*$/.test(runs))
    throw usageError('FC_NUM_RUNS', runs, 'a positive integer');
};
