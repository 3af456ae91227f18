// fixture-options: express=5
// `fs` and `writeFileSync` were unused before the run: they stay (removing
// them is a linter's job). Only `readFileSync`, whose last call the run
// rewrote, goes.
const express = require('express');
const fs = require('fs');
const { writeFileSync } = require('fs');
const { readFile } = require('fs/promises');

const app = express();

app.get('/motd', async (req, res) => {
  res.send(await readFile('motd.txt', 'utf8'));
});

module.exports = app;
