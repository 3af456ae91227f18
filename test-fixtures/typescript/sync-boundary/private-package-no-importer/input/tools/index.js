// fixture-options: entry=all
const fs = require('fs');

exports.loadFixture = function loadFixture(name) {
  return fs.readFileSync(`fixtures/${name}.json`, 'utf8');
};
