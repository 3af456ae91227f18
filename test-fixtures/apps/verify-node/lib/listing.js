'use strict';
const fs = require('fs');
const path = require('path');

function dataFiles() {
  return fs.readdirSync(path.join(__dirname, '..', 'data')).sort();
}

module.exports = { dataFiles };
