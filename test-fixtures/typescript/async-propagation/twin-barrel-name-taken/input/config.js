const fs = require('fs');

function readConfig(path) {
  return JSON.parse(fs.readFileSync(path, 'utf8'));
}

const defaults = readConfig('defaults.json');

module.exports = { readConfig, defaults };
