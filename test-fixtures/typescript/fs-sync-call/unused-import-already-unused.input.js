// fixture-options: express=5
// `fs` and `writeFileSync` were unused before the run: they stay (removing
// them is a linter's job). Only `readFileSync`, whose last call the run
// rewrote, goes.
const express = require('express');
const fs = require('fs');
const { readFileSync, writeFileSync } = require('fs');

const app = express();

app.get('/motd', (req, res) => {
  res.send(readFileSync('motd.txt', 'utf8'));
});

module.exports = app;
