#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (fast start). `npm ci` builds it; `npm run build` rebuilds it.
const path = require('node:path');
const main = path.join(__dirname, '..', 'dist', 'main.js');
try {
  require.resolve(main);
} catch {
  process.stderr.write(
    `taskledger is not built yet (${main} is missing): run "npm run build" in the repository root.\n`,
  );
  process.exit(2);
}
require(main);
