// fixture-options: express=5
const express = require('express');
const fs = require('fs');

function data(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function key(file) {
  return fs.readFileSync(file, 'utf8').trim();
}

function getArgs(names, argv) {
  const self = this;
  const params = {};
  names.forEach(function (name) {
    // Reads `data` and `key` by a computed name: these calls are not seen.
    if (self[name] != null) params[name] = self[name](argv[name]);
  });
  return params;
}

const app = express();
app.get('/key', (req, res) => {
  res.send(key(req.query.file));
});

module.exports = { app, data, key, getArgs };
