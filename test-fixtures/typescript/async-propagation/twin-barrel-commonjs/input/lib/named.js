exports.readConfig = require('./config').readConfig;
