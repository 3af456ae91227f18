module.exports = { ...require('./config') };
