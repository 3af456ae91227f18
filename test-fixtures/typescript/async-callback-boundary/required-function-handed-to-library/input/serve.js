// fixture-options: entry=all
const { readFileSync } = require('fs');

// Starts the preview server; the command-line parser calls it with the parsed flags.
module.exports = function (dir, flags) {
  const tls = flags.cert ? { cert: readFileSync(flags.cert), key: readFileSync(flags.key) } : undefined;
  return { dir, tls };
};
