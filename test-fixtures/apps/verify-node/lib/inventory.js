'use strict';
const fs = require('fs');
const path = require('path');

function countItems() {
  const text = fs.readFileSync(path.join(__dirname, '..', 'data', 'items.txt'), 'utf8');
  return text.split('\n').filter(Boolean).length;
}

module.exports = { countItems };
