const fs = require('fs');
const path = require('path');

exports.load = function load(name) {
  const text = fs.readFileSync(path.join(__dirname, name), 'utf8');
  return JSON.parse(text);
};
