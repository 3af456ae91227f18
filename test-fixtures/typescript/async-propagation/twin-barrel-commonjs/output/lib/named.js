exports.readConfig = require('./config').readConfig;
exports.readConfigAsync = require('./config').readConfigAsync;
