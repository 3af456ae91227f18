const { readFile } = require('fs/promises');

async function readConfig(name) {
  return JSON.parse(await readFile(`config/${name}.json`, 'utf8'));
}

module.exports = { readConfig };
