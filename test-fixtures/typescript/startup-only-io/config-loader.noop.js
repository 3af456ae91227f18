// fixture-options: entry=all
const fs = require('fs');
const path = require('path');

function readJson(file) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, file), 'utf8'));
}

// Start-up only: readJson is called from here and from loadSettings, which only this module's top level calls.
function loadSettings() {
  const defaults = readJson('defaults.json');
  return { ...defaults, ...readJson('local.json') };
}

const settings = loadSettings();
module.exports = settings;
