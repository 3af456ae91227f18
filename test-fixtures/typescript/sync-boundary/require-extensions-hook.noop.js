// fixture-options: entry=all
// Node calls `require.extensions` hooks synchronously and reads
// `module.exports` as soon as they return.
const fs = require('fs');

function hook(module, filename) {
  module.exports = fs.readFileSync(filename, 'utf8');
}
require.extensions['.txt'] = hook;

require.extensions['.md'] = (m, filename) => {
  m.exports = fs.readFileSync(filename, 'utf8');
};
