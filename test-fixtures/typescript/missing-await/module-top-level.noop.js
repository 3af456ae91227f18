// Module top level cannot await: the missing await is reported, not fixed.
const { readFile } = require('fs/promises');

async function loadConfig() {
  return JSON.parse(await readFile('config.json', 'utf8'));
}

const config = loadConfig();
console.log(`listening on ${config.port}`);

module.exports = { loadConfig };
