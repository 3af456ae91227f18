'use strict';
const fs = require('fs');
const path = require('path');

function messageOfTheDay() {
  const file = path.join(__dirname, '..', 'data', 'motd.txt');
  return fs.readFileSync(file, 'utf8').trim();
}

module.exports = { messageOfTheDay };
