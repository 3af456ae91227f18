// fixture-options: express=5
const express = require('express');
const { readFile } = require('node:fs/promises');

const app = express();

app.get('/readme', async (req, res) => {
  const text = await readFile('README.md', 'utf8');
  res.type('text/markdown').send(text);
});

module.exports = app;
