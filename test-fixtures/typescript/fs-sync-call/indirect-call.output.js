// fixture-options: entry=all
// `(0, fs.readFileSync)(...)`, the indirect-call form bundlers emit, is the
// same call.
const { readFile } = require('fs/promises');

async function read(p) {
  return await readFile(p, 'utf8');
}

module.exports = { read };
