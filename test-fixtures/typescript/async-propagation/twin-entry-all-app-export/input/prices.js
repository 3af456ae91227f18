const fs = require('fs');

function readPrices() {
  return fs.readFileSync('prices.json', 'utf8');
}

function loadSeed() {
  return fs.readFileSync('seed.json', 'utf8');
}

module.exports = { readPrices, loadSeed };
