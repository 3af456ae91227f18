const { readFileSync } = require('fs');

function check(file) {
  return readFileSync(file, 'utf8').length > 0;
}

module.exports = check;
