// fixture-options: express=5
// `readFileSync` is exported: other modules may use it, so it stays.
const express = require('express');
const { readFileSync } = require('fs');
const { readFile } = require('fs/promises');

const app = express();

app.get('/motd', async (req, res) => {
  res.send(await readFile('motd.txt', 'utf8'));
});

module.exports = { app, readFileSync };
