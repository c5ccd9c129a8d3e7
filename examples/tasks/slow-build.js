'use strict';
// EX-3: the first run hangs and is stopped by the 2 s timeout; the runner doubles the timeout
// for the next attempt, which needs 2.5 s and so only passes with the longer timeout.
const { bumpCounter, sleep, work } = require('./lib');

const run = bumpCounter('runs');
if (run === 1) {
  console.log('::progress 0.1 waiting for a build slot');
  sleep(60_000);
} else {
  work(2_500, 5, 'compiling').then(() => console.log('build ready'));
}
