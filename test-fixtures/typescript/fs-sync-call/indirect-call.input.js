// fixture-options: entry=all
// `(0, fs.readFileSync)(...)`, the indirect-call form bundlers emit, is the
// same call.
const fs = require('fs');

function read(p) {
  return (0, fs.readFileSync)(p, 'utf8');
}

module.exports = { read };
