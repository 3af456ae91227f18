// awaitify robustness repro (--entry all), rule: async-propagation (fs-sync-call).
// A function installed as a `require.extensions` hook: Node calls it
// synchronously and reads `module.exports` as soon as it returns. Seen in
// handlebars (lib/index.js) and knex (bin/cli.js, as an arrow).
// Expected: `hook` and the arrow stay sync (a sync-boundary: "a require hook
// must set module.exports synchronously"), the readFileSync calls are reported
// as blocking-call-unmigrated (manual).
// Actual (0.1.0): both become async and `module.exports` is set after
// `require()` has returned: every `require('x.txt')` yields `{}`.
const fs = require('fs');

function hook(module, filename) {
  module.exports = fs.readFileSync(filename, 'utf8');
}
require.extensions['.txt'] = hook;

require.extensions['.md'] = (m, filename) => {
  m.exports = fs.readFileSync(filename, 'utf8');
};
