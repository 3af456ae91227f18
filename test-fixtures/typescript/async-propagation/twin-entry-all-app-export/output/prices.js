const fs = require('fs');
const { readFile } = require('fs/promises');

async function readPrices() {
  return await readFile('prices.json', 'utf8');
}

function loadSeed() {
  return fs.readFileSync('seed.json', 'utf8');
}

module.exports = { readPrices, loadSeed };
