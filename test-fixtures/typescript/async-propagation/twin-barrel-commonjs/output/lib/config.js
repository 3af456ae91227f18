const fs = require('fs');
const { readFile } = require('fs/promises');

function readConfig(path) {
  return JSON.parse(fs.readFileSync(path, 'utf8'));
}

async function readConfigAsync(path) {
  return JSON.parse(await readFile(path, 'utf8'));
}

const defaults = readConfig('defaults.json');

module.exports = { readConfig, readConfigAsync, defaults };
