// fixture-options: entry=all
const fs = require('fs');
const { parse } = require('./lib/parse');

function readConfig(path) {
  return parse(fs.readFileSync(path, 'utf8'));
}

module.exports = { readConfig };
