// fixture-options: express=5
const express = require('express');
const fs = require('fs');

function linesOf(name) {
  return fs.readFileSync(`logs/${name}.log`, 'utf8').split('\n');
}

const app = express();
app.get('/logs', (req, res) => {
  const names = String(req.query.names).split(',');
  res.json(names.flatMap((name) => linesOf(name)));
});
app.get('/logs/tagged', (req, res) => {
  const names = String(req.query.names).split(',');
  const tagged = names.flatMap((name) => {
    const lines = linesOf(name);
    return lines.map((line) => `${name}: ${line}`);
  });
  res.json(tagged);
});

module.exports = app;
