const { readConfig, readConfigAsync } = require('./config');
const config = require('./config');

module.exports = {
  readConfig,
  readConfigAsync,
  load: config.readConfig,
  loadAsync: config.readConfigAsync,
};
