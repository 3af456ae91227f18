// fixture-options: rules=parallel-awaits
const { appendFile, readFile } = require('fs/promises');

const seen = new Set();

// The log is written, then read back: order matters.
async function logAndRead(line) {
  await appendFile('app.log', line);
  const log = await readFile('app.log', 'utf8');
  return log;
}

// `remember` writes module state that `recall` reads.
async function remember(id) {
  seen.add(id);
}
async function recall(id) {
  return seen.has(id);
}
async function both(id) {
  await remember(id);
  const known = await recall(id);
  return known;
}
module.exports = { logAndRead, both };
