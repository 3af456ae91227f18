// fixture-options: entry=all
// The body's call is rewritten and the function becomes async; the call in
// the parameter default cannot be awaited and stays as it is.
const fs = require('fs');
const { readFile } = require('fs/promises');

async function load(p, fallback = fs.readFileSync('default.txt', 'utf8')) {
  const text = await readFile(p, 'utf8');
  return text || fallback;
}

module.exports = { load };
