const fs = require('fs');

function readConfig(path) {
  return JSON.parse(fs.readFileSync(path, 'utf8'));
}

exports.readSettings = function () {
  return readConfig('settings.json');
};

class Settings {
  constructor() {
    this.data = readConfig('settings.json');
  }
}

const cached = exports.readSettings();

module.exports.readConfig = readConfig;
exports.Settings = Settings;
