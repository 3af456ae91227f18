'use strict';
// Shop-wide settings, read from settings.json in the data dir on every access
// so an operator can change them without restarting the service.
const fs = require('node:fs');
const path = require('node:path');
const { dataDir } = require('./config');

function readSettingsFile(file) {
  if (!fs.existsSync(file)) return {};
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

class Settings {
  get currency() {
    return readSettingsFile(path.join(dataDir(), 'settings.json')).currency || 'EUR';
  }
}

module.exports = { settings: new Settings() };
