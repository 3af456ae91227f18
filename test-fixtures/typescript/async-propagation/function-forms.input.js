// fixture-options: express=5
const express = require('express');
const fs = require('fs');

const app = express();

const readText = file => fs.readFileSync(file, 'utf8');

const parsers = {
  json(file) {
    return JSON.parse(readText(file));
  },
  lines: function (file) {
    return readText(file).split('\n');
  },
};

app.get('/json', (req, res) => res.json(parsers.json('data.json')));

app.get('/lines', function (req, res) {
  const count = parsers.lines('data.txt').length;
  res.send(String(count));
});
