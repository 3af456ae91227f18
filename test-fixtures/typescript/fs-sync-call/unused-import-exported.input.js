// fixture-options: express=5
// `readFileSync` is exported: other modules may use it, so it stays.
const express = require('express');
const { readFileSync } = require('fs');

const app = express();

app.get('/motd', (req, res) => {
  res.send(readFileSync('motd.txt', 'utf8'));
});

module.exports = { app, readFileSync };
