// awaitify robustness repro (--entry all), rules: fs-sync-call + async-propagation.
// A blocking call in a parameter's default value. `await` is not allowed in
// the parameters of an async function, so the output is a SyntaxError
// ("Illegal await-expression in formal parameters of async function"), yet
// the pipeline's re-parse (TypeScript's parser) accepts it and the file is
// written; `node --check` rejects it.
// Expected: the function stays sync and the call is reported as manual work
// (blocking-call-unmigrated: "a parameter default cannot await; move it into
// the body"), or the default moves into the body
// (`async function read(p, data) { if (data === undefined) data = await readFile(p, 'utf8'); ...`).
// Same for TypeScript, and for a default inside a destructuring pattern.
const fs = require('fs');

function read(p, data = fs.readFileSync(p, 'utf8')) {
  return data.trim();
}

function read2(p, { enc = 'utf8', text = fs.readFileSync(p, enc) } = {}) {
  return text;
}

module.exports = { read, read2 };
