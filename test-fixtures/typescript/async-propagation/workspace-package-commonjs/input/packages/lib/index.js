const fs = require('fs');

function readConfig(name) {
  return JSON.parse(fs.readFileSync(`config/${name}.json`, 'utf8'));
}

module.exports = { readConfig };
