const fs = require('fs');

function loadUser(id) {
  return JSON.parse(fs.readFileSync(`users/${id}.json`, 'utf8'));
}

function loadOrder(id) {
  return JSON.parse(fs.readFileSync(`orders/${id}.json`, 'utf8'));
}

module.exports = { loadUser, loadOrder };
