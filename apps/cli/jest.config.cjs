// Every test here runs the built CLI as real child processes: allow for a loaded 2-core machine.
module.exports = require('../../jest.preset.cjs')(__dirname, { testTimeout: 30_000 });
