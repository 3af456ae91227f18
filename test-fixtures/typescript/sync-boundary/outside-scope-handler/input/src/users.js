// fixture-options: paths=src/users.js
// Run on src/users.js only: the handlers that call its functions (src/app.js)
// are outside the paths and cannot await, so nothing changes; the findings
// name the handlers.
const fs = require('fs');

function loadUser(id) {
  return JSON.parse(fs.readFileSync(`users/${id}.json`, 'utf8'));
}

function loadOrder(id) {
  return JSON.parse(fs.readFileSync(`orders/${id}.json`, 'utf8'));
}

module.exports = { loadUser, loadOrder };
