const fs = require('fs');
const { readFile } = require('fs/promises');

function loadUser(id) {
  return JSON.parse(fs.readFileSync(`users/${id}.json`, 'utf8'));
}

async function loadUserAsync(id) {
  return JSON.parse(await readFile(`users/${id}.json`, 'utf8'));
}

async function loadOrder(id) {
  return JSON.parse(await readFile(`orders/${id}.json`, 'utf8'));
}

module.exports = { loadUser, loadUserAsync, loadOrder };
