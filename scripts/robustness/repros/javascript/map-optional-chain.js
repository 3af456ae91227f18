// awaitify robustness repro (--entry all; found in mocha's bin/mocha.js), rule:
// map-async-callback.
// `args._?.map(cb)` is undefined when `args._` is; awaitify wraps the whole
// optional chain in Promise.all:
//     const files = await Promise.all(args._?.map(async (arg) => ...));
// and Promise.all(undefined) rejects with "TypeError: undefined is not
// iterable": the function now throws where it returned [undefined, ...].
// Same for a longer chain (`args.list?.filter(Boolean).map(...)`).
// Expected: keep the short-circuit, e.g.
//     const files = args._ == null ? args._ : await Promise.all(args._.map(async (arg) => ...));
// (or `await Promise.all(args._?.map(...) ?? [])` only where [] and undefined
// are interchangeable, which they are not here), or leave it as manual work.
const fs = require('fs');

async function main(args) {
  const files = args._?.map((arg) => (fs.existsSync(arg) ? arg : null));
  const sizes = args.list?.filter(Boolean).map((p) => fs.statSync(p).size);
  return [files, sizes];
}

module.exports = main;
