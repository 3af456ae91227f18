// fixture-options: api=twin express=5
const express = require('express');
const fs = require('fs');

function readConfig(path) {
  return JSON.parse(fs.readFileSync(path, 'utf8'));
}

// Already taken: the twin would collide with it.
function readConfigAsync(path) {
  return fs.promises.readFile(path, 'utf8').then(JSON.parse);
}

class Settings {
  constructor() {
    this.data = readConfig('settings.json');
  }
}

const app = express();
app.get('/config', (req, res) => {
  res.json(readConfig('app.json'));
});

module.exports = { readConfig, readConfigAsync, Settings };
