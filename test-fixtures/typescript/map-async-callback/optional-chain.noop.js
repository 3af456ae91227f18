// fixture-options: entry=all
// `args._?.map(cb)` is undefined when `args._` is: `await Promise.all(...)`
// of it would reject. The callbacks stay sync, reported as manual work.
const fs = require('fs');

async function main(args) {
  const files = args._?.map((arg) => (fs.existsSync(arg) ? arg : null));
  const sizes = args.list?.filter(Boolean).map((p) => fs.statSync(p).size);
  return [files, sizes];
}

module.exports = main;
