const express = require('express');
const fs = require('fs');

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

app.get('/other', (req, res) => {
  res.json(JSON.parse(fs.readFileSync('other.json', 'utf8')));
});

module.exports = app;
