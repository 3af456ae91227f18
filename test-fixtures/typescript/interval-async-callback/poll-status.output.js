// fixture-options: entry=all
const { readFile } = require('fs/promises');

let status = {};
const timer = setInterval(async () => {
  status = JSON.parse(await readFile('status.json', 'utf8'));
}, 5000);

module.exports = { current: () => status, stop: () => clearInterval(timer) };
