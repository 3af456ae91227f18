'use strict';
const fs = require('fs');
const path = require('path');

function loadConfig() {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'data', 'config.json'), 'utf8'));
}

function configuredPort() {
  return loadConfig().port;
}

module.exports = { loadConfig, configuredPort };
