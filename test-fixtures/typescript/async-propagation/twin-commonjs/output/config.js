const fs = require('fs');
const { readFile } = require('fs/promises');

function readConfig(path) {
  return JSON.parse(fs.readFileSync(path, 'utf8'));
}

async function readConfigAsync(path) {
  return JSON.parse(await readFile(path, 'utf8'));
}

exports.readSettings = function () {
  return readConfig('settings.json');
};

exports.readSettingsAsync = async function () {
  return await readConfigAsync('settings.json');
};

class Settings {
  constructor() {
    this.data = readConfig('settings.json');
  }
}

const cached = exports.readSettings();

module.exports.readConfig = readConfig;
module.exports.readConfigAsync = readConfigAsync;
exports.Settings = Settings;
