const express = require('express');
const fs = require('fs');
const { readFile } = require('fs/promises');

const app = express();

function loadTemplate(name) {
  // awaitify-ignore-next-line fs-sync-call -- read once per request on purpose, tiny file
  return fs.readFileSync(`views/${name}.html`, 'utf8');
}

app.get('/page', (req, res) => {
  res.send(loadTemplate('page'));
});

app.get('/data', (req, res) => {
  // awaitify-ignore-next-line
  const raw = fs.readFileSync('data.json', 'utf8');
  const extra = fs.readFileSync('extra.json', 'utf8');
  res.json({ raw, extra });
});

app.get('/other', async (req, res, next) => {
  try {
    res.json(JSON.parse(await readFile('other.json', 'utf8')));
  } catch (err) {
    next(err);
  }
});

module.exports = app;
