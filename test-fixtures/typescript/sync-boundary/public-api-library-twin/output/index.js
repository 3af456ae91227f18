// fixture-options: entry=all api=twin
const fs = require('fs');
const { parse, parseAsync } = require('./lib/parse');
const { readFile } = require('fs/promises');

function readConfig(path) {
  return parse(fs.readFileSync(path, 'utf8'));
}

async function readConfigAsync(path) {
  return await parseAsync(await readFile(path, 'utf8'));
}

module.exports = { readConfig, readConfigAsync };
