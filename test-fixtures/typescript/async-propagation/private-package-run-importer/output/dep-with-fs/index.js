const { readFile } = require('fs/promises');

async function read(name) {
  return await readFile(name, 'utf8');
}

module.exports = { read };
