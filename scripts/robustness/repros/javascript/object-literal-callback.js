// awaitify robustness repro (--entry all), rule: async-propagation (fs-sync-call).
// A function in an object literal handed to a library that calls it and uses
// its return value synchronously (jscodeshift's bin/jscodeshift.js: the
// argument parser's `process` option; vitest: a `getSourceMap(file)` hook).
// Expected: the arrow stays sync, like a callback passed directly to an
// unknown function ("it is passed to `parse(...)`, which awaitify cannot see
// await it"): a sync-boundary / async-callback-boundary, the readFileSync
// reported as manual work.
// Actual (0.1.0): `process: async file => JSON.parse(await readFile(file))`:
// the parser stores a Promise as the option's value.
const fs = require('fs');
const parser = require('./args-parser');

const options = parser.parse({
  parserConfig: {
    help: 'path to a JSON file',
    process: (file) => JSON.parse(fs.readFileSync(file)),
  },
});

module.exports = options;
