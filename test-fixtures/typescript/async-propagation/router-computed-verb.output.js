// fixture-options: express=5
const express = require('express');
const fs = require('fs');
const { readFile } = require('fs/promises');

const router = express.Router();
for (const verb of ['get', 'post']) {
  router[verb]('/config', async (req, res) => {
    res.send(await readFile('config.json', 'utf8'));
  });
}

// Not a router: a computed call on a plain object registers nothing.
const table = { get: (path, fn) => fn(path) };
for (const verb of ['get']) {
  table[verb]('/x', (path) => fs.readFileSync(path, 'utf8'));
}
module.exports = router;
