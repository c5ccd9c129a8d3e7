'use strict';
// EX-2: the connection drops on the first two runs, then the download succeeds. The run count
// lives in the task's scratch directory, so it carries across attempts (and across `run`s).
const { bumpCounter, work } = require('./lib');

const run = bumpCounter('runs');
work(300, 3, 'downloading').then(() => {
  if (run <= 2) {
    console.error(`read ECONNRESET: connection reset by peer while downloading data.csv (run ${run})`);
    process.exit(1);
  }
  console.log('downloaded data.csv');
});
