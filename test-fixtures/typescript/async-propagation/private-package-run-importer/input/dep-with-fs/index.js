const fs = require('fs');

function read(name) {
  return fs.readFileSync(name, 'utf8');
}

module.exports = { read };
