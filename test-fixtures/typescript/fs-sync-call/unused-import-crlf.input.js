// fixture-options: express=5
// CRLF file: the emptied require goes with its line, CRLF kept.
const express = require('express');
const fs = require('fs');

const app = express();

app.get('/motd', (req, res) => {
  res.send(fs.readFileSync('motd.txt', 'utf8'));
});

module.exports = app;
