// fixture-options: entry=all safety=safe
const fs = require('fs');

let status = {};
const timer = setInterval(() => {
  status = JSON.parse(fs.readFileSync('status.json', 'utf8'));
}, 5000);

module.exports = { current: () => status, stop: () => clearInterval(timer) };
