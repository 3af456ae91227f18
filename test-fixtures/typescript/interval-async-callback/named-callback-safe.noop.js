// fixture-options: entry=all safety=safe
const fs = require('fs');

function readStatus() {
  return JSON.parse(fs.readFileSync('status.json', 'utf8'));
}

// Under --safety safe the interval callback stays sync, and so does what it calls.
function refresh() {
  module.exports.status = readStatus();
}

setInterval(refresh, 5000);
