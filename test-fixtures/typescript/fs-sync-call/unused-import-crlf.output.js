// fixture-options: express=5
// CRLF file: the emptied require goes with its line, CRLF kept.
const express = require('express');
const { readFile } = require('fs/promises');

const app = express();

app.get('/motd', async (req, res) => {
  res.send(await readFile('motd.txt', 'utf8'));
});

module.exports = app;
