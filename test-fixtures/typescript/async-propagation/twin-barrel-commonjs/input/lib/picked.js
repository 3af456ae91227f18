const { readConfig } = require('./config');
const config = require('./config');

module.exports = {
  readConfig,
  load: config.readConfig,
};
