'use strict';
const fs = require('fs');
const path = require('path');

function readGreeting(name) {
  const template = fs.readFileSync(path.join(__dirname, '..', 'data', 'greeting.txt'), 'utf8');
  return template.trim().replace('%s', name);
}

module.exports = { readGreeting };
